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
