#include "tests/hostile/inputs.h"

#include <iterator>
#include <string_view>

namespace oborot::hostile {
namespace {

std::string Repeat(std::string_view piece, size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(piece);
  return out;
}

// Ordinary Russian words, cycled: text that reads like prose to every stage
// but never ends a sentence.
constexpr std::string_view kWords[] = {"товарооборот", "области", "вырос",   "поставки", "техники",  "стороны",
                                       "договорились", "рынок",   "сегодня", "регион",   "торговля", "проекты"};

// A sentence long enough for the main-text finder to take as an article.
constexpr std::string_view kSentence =
    "Товарооборот Беларуси и Калужской области в 2023 году составил 500 млн долларов, сообщил губернатор региона.";

}  // namespace

std::string OrdinaryArticle(int n) {
  // Regions and figures vary with n, so that documents are not duplicates.
  static constexpr std::string_view kRegions[] = {"Калужской области", "Брянской области", "Омской области",
                                                  "Псковской области"};
  const std::string region(kRegions[static_cast<size_t>(n) % std::size(kRegions)]);
  const std::string value = std::to_string(100 + n);
  return "Итоги года: " + region + "\n\nТоварооборот Беларуси и " + region + " в 2023 году составил " + value +
         " млн долларов, сообщил губернатор региона. Стороны договорились расширить поставки техники.\n";
}

std::string UnclosedInline(size_t pairs) { return Repeat("<b><i>", pairs) + std::string(kSentence); }

std::string NestedDivs(size_t depth) {
  return "<html><body>" + Repeat("<div>", depth) + std::string(kSentence) + Repeat("</div>", depth) + "</body></html>";
}

std::string UnclosedDivs(size_t depth) { return "<html><body>" + Repeat("<div>", depth) + std::string(kSentence); }

std::string FlatParagraphs(size_t bytes) {
  std::string out = "<html><head><title>Страница</title></head><body>";
  while (out.size() + 9 < bytes) out.append("<p>да</p>");
  return out + "</body></html>";
}

std::string ManyAttributes(size_t attributes) {
  std::string out = "<html><body><div";
  for (size_t i = 0; i < attributes; ++i) out += " a" + std::to_string(i) + "=x";
  return out + ">" + std::string(kSentence) + "</div></body></html>";
}

std::string DuplicateAttributes(size_t attributes) {
  return "<html><body><div" + Repeat(" class=x", attributes) + ">" + std::string(kSentence) + "</div></body></html>";
}

std::string DeepTables(size_t depth) {
  return "<html><body>" + Repeat("<table><tr><td>", depth) + std::string(kSentence) + "</body></html>";
}

std::string NoPunctuation(size_t bytes) {
  // An article's words with its figures, cues and places, without a single
  // sentence end: one sentence for a splitter without a length limit.
  std::string out;
  out.reserve(bytes + 256);
  for (int n = 0; out.size() < bytes; ++n) {
    for (const char c : OrdinaryArticle(n)) {
      if (c != '.' && c != ',' && c != ':' && c != '\n') out.push_back(c);
    }
    out.push_back(' ');
    out.append(kWords[static_cast<size_t>(n) % std::size(kWords)]);
    out.push_back(' ');
  }
  return out;
}

std::string RepeatedChange(size_t count) {
  return "Товарооборот Беларуси и Калужской области вырос" + Repeat(" на 5%", count) + "\n";
}

std::string ManyMoney(size_t count) {
  std::string out = "Товарооборот Беларуси и Калужской области составил";
  for (size_t i = 0; i < count; ++i) out += " " + std::to_string(1 + i % 900) + " млн долларов,";
  return out + "\n";
}

std::string ManyMultipliers(size_t count) {
  return "Товарооборот Беларуси и Калужской области вырос" + Repeat(" в 1,5 раза", count) + "\n";
}

std::string LongWord(size_t bytes) {
  std::string out = "Товарооборот ";
  while (out.size() < bytes) out.append("абвгд");
  return out + "\n";
}

std::string ManyPeople(size_t bytes) {
  // Every sentence names a role, a person and a party: the discourse step
  // pairs people with roles and parties across the whole document.
  static constexpr std::string_view kNames[] = {"Иван Петров", "Сергей Иванов", "Анна Смирнова", "Олег Кузнецов"};
  std::string out = "Визит делегации\n\n";
  for (size_t i = 0; out.size() < bytes; ++i) {
    out += "Губернатор Калужской области ";
    out += kNames[i % std::size(kNames)];
    out += " встретился с послом Беларуси. ";
    if (i % 8 == 7) out += "\n";
  }
  return out + "\n";
}

std::string ManyQuotes(size_t bytes) {
  std::string out = "Итоги переговоров\n\n";
  while (out.size() < bytes) out += "«Мы довольны итогами», — сказал он. «Работа идёт», — отметила она. ";
  return out + "\n";
}

std::string ManyOrganizations(size_t bytes) {
  std::string out = "Предприятия региона\n\n";
  while (out.size() < bytes) out += "ОАО «МАЗ» работает в Калужской области. ";
  return out + "\n";
}

namespace {

constexpr std::string_view kRegionsGen[] = {"Калужской области", "Брянской области", "Омской области",
                                            "Псковской области", "Смоленской области", "Тверской области",
                                            "Курской области", "Орловской области", "Тульской области",
                                            "Ярославской области", "Самарской области", "Пермского края",
                                            "Владимирской области", "Ивановской области", "Костромской области",
                                            "Липецкой области", "Рязанской области", "Тамбовской области",
                                            "Воронежской области", "Белгородской области", "Пензенской области",
                                            "Саратовской области", "Ульяновской области", "Кировской области"};
constexpr std::string_view kFirstNames[] = {"Иван", "Сергей", "Олег", "Павел", "Андрей", "Михаил", "Николай",
                                            "Виктор", "Дмитрий", "Юрий"};
constexpr std::string_view kSurnames[] = {"Петров", "Соколов", "Морозов", "Волков", "Зайцев", "Павлов", "Семенов",
                                          "Голубев", "Виноградов", "Богданов", "Воробьев", "Федоров", "Михайлов",
                                          "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселев", "Макаров"};
constexpr std::string_view kOblasts[] = {"Гомельского", "Могилевского", "Витебского", "Брестского", "Гродненского",
                                         "Минского"};

template <size_t N>
std::string_view Pick(const std::string_view (&list)[N], size_t i) {
  return list[i % N];
}

// Person k of the generated texts: 200 distinct first-name and surname pairs.
std::string PersonOf(size_t k) {
  return std::string(Pick(kFirstNames, k)) + " " + std::string(Pick(kSurnames, k / std::size(kFirstNames)));
}

}  // namespace

std::string ArticleDump(size_t bytes) {
  std::string out;
  for (size_t i = 0; out.size() < bytes; ++i) {
    // 24 regions x 30 years, and figures spread over 150..10,050 million: a
    // restatement within 2 % of the same pair and year is rare, so the facts
    // grow with the size instead of merging
    const std::string region(Pick(kRegionsGen, i));
    const std::string year = std::to_string(1995 + i / std::size(kRegionsGen) % 30);
    const std::string governor = PersonOf(i * 7);
    const std::string chair = PersonOf(i * 7 + 3);
    const std::string chair_surname(Pick(kSurnames, (i * 7 + 3) / std::size(kFirstNames)));
    out += "Беларусь и " + region + " наращивают торговлю\n\n";
    out += "Товарооборот Беларуси и " + region + " в " + year + " году составил " + std::to_string(150 + i * 7919 % 9901) +
           "," + std::to_string(i % 10) + " млн долларов США и вырос на " + std::to_string(3 + i * 13 % 97) + "," +
           std::to_string(i % 10) + "% по сравнению с предыдущим годом.\n\n";
    out += "В " + std::to_string(1995 + (i + 7) / std::size(kRegionsGen) % 30) + " году товарооборот Беларуси и " +
           region + " составил " + std::to_string(300 + i * 104729 % 99991) + " млн долларов, экспорт " +
           "белорусских товаров — " + std::to_string(100 + i * 7907 % 50000) + " млн долларов.\n\n";
    out += "Губернатор " + region + " " + governor + " встретился с председателем " +
           std::string(Pick(kOblasts, i)) + " облисполкома " + chair + ". Стороны обсудили поставки техники и " +
           "продовольствия.\n\n";
    out += "«Мы намерены довести товарооборот до " + std::to_string(200 + i % 800) + " млн долларов», — сказал " +
           chair_surname + ".\n\n";
    out += "«Перспективы у " + std::to_string(100 + i) + " совместных проектов хорошие», — добавил губернатор " +
           region + ".\n\n";
    out += "ОАО «Гомсельмаш» поставит в регион " + std::to_string(10 + i % 90) + " комбайнов.\n\n";
  }
  return out;
}

std::string ManyMeetings(size_t bytes) {
  // Paragraphs of meeting reports: a governor and an oblast chairman of
  // varying names, then a surname alone («Петров отметил…»), so that the
  // meeting, name and quotation steps see thousands of mentions of 200 people.
  std::string out = "Хроника переговоров\n\n";
  for (size_t i = 0; out.size() < bytes; ++i) {
    const std::string region(Pick(kRegionsGen, i));
    out += "Губернатор " + region + " " + PersonOf(i) + " провел переговоры с председателем " +
           std::string(Pick(kOblasts, i / 3)) + " облисполкома " + PersonOf(i * 13 + 5) + ". ";
    // a number of its own, so that no paragraph repeats another (CleanText drops repeated paragraphs)
    out += std::string(Pick(kSurnames, i / std::size(kFirstNames))) + " отметил, что стороны договорились о " +
           "поставках " + std::to_string(100 + i) + " тракторов. ";
    if (i % 4 == 3) out += "\n\n";
  }
  return out + "\n";
}

std::string ManyFiguresParagraph(size_t bytes) {
  // One paragraph, one figure per sentence, of 24 regions x 30 years.
  std::string out = "Торговля по регионам\n\n";
  for (size_t i = 0; out.size() < bytes; ++i) {
    out += "Товарооборот Беларуси и " + std::string(Pick(kRegionsGen, i)) + " в " + std::to_string(1995 + i / std::size(kRegionsGen) % 30) +
           " году составил " + std::to_string(100 + i * 7919 % 99991) + " млн долларов. ";
  }
  return out + "\n";
}

std::string Utf8WithStrayByte() {
  std::string s = OrdinaryArticle(0);
  const size_t at = s.find("сообщил");
  s.insert(at, "\xFF");
  return s;
}

std::string Utf8CutLastCharacter() {
  std::string s = OrdinaryArticle(1);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  // the article ends in «техники.»: drop the period, then the last byte of «и»
  s.pop_back();
  s.pop_back();
  return s;
}

std::string Utf8PageWithCp1251Footer() {
  std::string s = OrdinaryArticle(2);
  // «Стороны обсудили поставки зерна и молока.» in Windows-1251: a paragraph
  // pasted from another page into a UTF-8 one
  s += "\n\xD1\xF2\xEE\xF0\xEE\xED\xFB \xEE\xE1\xF1\xF3\xE4\xE8\xEB\xE8 \xEF\xEE\xF1\xF2\xE0\xE2\xEA\xE8 "
       "\xE7\xE5\xF0\xED\xE0 \xE8 \xEC\xEE\xEB\xEE\xEA\xE0.\n";
  return s;
}

}  // namespace oborot::hostile
