#include "src/lang/names.h"

#include <algorithm>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/lang/cache_budget.h"

namespace oborot::lang {
namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

constexpr CaseMask kN = CaseBit(GramCase::kNom), kG = CaseBit(GramCase::kGen), kD = CaseBit(GramCase::kDat),
                   kA = CaseBit(GramCase::kAcc), kI = CaseBit(GramCase::kIns), kP = CaseBit(GramCase::kPrep);

U32 Decode(std::string_view s) {
  U32 out;
  size_t i = 0;
  while (i < s.size()) out.push_back(NextCodePoint(s, i));
  return out;
}

std::string Encode(U32View s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

bool Ends(U32View w, U32View suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}
U32 Cut(U32View w, size_t n) { return U32(w.substr(0, w.size() - std::min(n, w.size()))); }

bool IsVowel(char32_t c) { return U32View(U"аеёиоуыэюя").find(c) != U32View::npos; }
bool IsVelar(char32_t c) { return c == U'к' || c == U'г' || c == U'х'; }
bool IsSibilant(char32_t c) { return c == U'ж' || c == U'ш' || c == U'ч' || c == U'щ'; }
char32_t Back(U32View w) { return w.empty() ? 0 : w.back(); }

// Upper-cases the first letter and lower-cases the rest: for ALL-CAPS names.
// Cyrillic and Latin case pairs are fixed offsets, so no ICU call is needed.
U32 TitleCase(U32View w) {
  U32 out;
  for (size_t i = 0; i < w.size(); ++i) {
    char32_t c = ToLower(w[i]);
    if (i == 0 || (i > 0 && w[i - 1] == U'-')) {
      if (c >= U'а' && c <= U'я')
        c -= 0x20;
      else if (c == U'ё')
        c = U'Ё';
      else if (c >= U'a' && c <= U'z')
        c -= 0x20;
    }
    out.push_back(c);
  }
  return out;
}

using Forms = std::vector<std::pair<U32, CaseMask>>;

void Add(Forms& out, U32 form, CaseMask cases) {
  for (auto& [f, m] : out) {
    if (f == form) {
      m |= cases;
      return;
    }
  }
  out.emplace_back(std::move(form), cases);
}

// -а nouns of either gender: глава, Илья's sibling Никита, Шапша, Анна.
void DeclineA(Forms& out, U32View w) {
  const U32 st = Cut(w, 1);
  const char32_t c = Back(st);
  Add(out, U32(w), kN);
  Add(out, st + (IsVelar(c) || IsSibilant(c) ? U"и" : U"ы"), kG);
  Add(out, st + U"е", kD | kP);
  Add(out, st + U"у", kA);
  Add(out, st + U"ой", kI);
  if (IsSibilant(c) || c == U'ц') Add(out, st + U"ей", kI);  // unstressed ending
  Add(out, st + U"ою", kI);
}

// -я nouns: Илья, Наталья, Мария, Руденя.
void DeclineYa(Forms& out, U32View w) {
  const U32 st = Cut(w, 1);
  const bool ija = Ends(w, U"ия");
  Add(out, U32(w), kN);
  Add(out, st + U"и", kG | (ija ? kD | kP : 0));
  if (!ija) Add(out, st + U"е", kD | kP);
  Add(out, st + U"ю", kA);
  Add(out, st + U"ей", kI);
}

Forms NounForms(U32View w, Gender gender, U32View oblique) {
  Forms out;
  const char32_t z = Back(w);
  if (w.size() < 2) {
    Add(out, U32(w), kAllCases);
  } else if (gender == Gender::kFemale) {
    if (z == U'а') {
      DeclineA(out, w);
    } else if (z == U'я') {
      DeclineYa(out, w);
    } else if (z == U'ь') {
      const U32 st = oblique.empty() ? Cut(w, 1) : U32(oblique);
      Add(out, U32(w), kN | kA);
      Add(out, st + U"и", kG | kD | kP);
      Add(out, st + U"ью", kI);
    } else {
      Add(out, U32(w), kAllCases);
    }
  } else if (z == U'й' || z == U'ь') {
    const U32 st = oblique.empty() ? Cut(w, 1) : U32(oblique);
    Add(out, U32(w), kN);
    Add(out, st + U"я", kG | kA);
    Add(out, st + U"ю", kD);
    Add(out, st + U"ем", kI);
    Add(out, st + (Ends(w, U"ий") ? U"и" : U"е"), kP);
  } else if (z == U'а') {
    DeclineA(out, w);
  } else if (z == U'я') {
    DeclineYa(out, w);
  } else if (IsVowel(z) || !IsLetter(z)) {
    Add(out, U32(w), kAllCases);
  } else {
    const U32 st = oblique.empty() ? U32(w) : U32(oblique);
    const char32_t c = Back(st);
    Add(out, U32(w), kN);
    Add(out, st + U"а", kG | kA);
    Add(out, st + U"у", kD);
    Add(out, st + (IsSibilant(c) || c == U'ц' ? U"ем" : U"ом"), kI);
    Add(out, st + U"е", kP);
  }
  return out;
}

Forms AdjectiveForms(U32View w) {
  Forms out;
  if (w.size() >= 4 && (Ends(w, U"ый") || Ends(w, U"ий") || Ends(w, U"ой"))) {
    const U32 st = Cut(w, 2);
    const char32_t c = Back(st);
    const bool soft = Ends(w, U"ий") && !IsVelar(c) && !IsSibilant(c);
    const bool e_vowel = soft || (IsSibilant(c) && !Ends(w, U"ой"));
    const bool i_vowel = soft || IsVelar(c) || IsSibilant(c);
    Add(out, U32(w), kN);
    Add(out, st + (e_vowel ? U"его" : U"ого"), kG | kA);
    Add(out, st + (e_vowel ? U"ему" : U"ому"), kD);
    Add(out, st + (i_vowel ? U"им" : U"ым"), kI);
    Add(out, st + (e_vowel ? U"ем" : U"ом"), kP);
  } else if (w.size() >= 4 && (Ends(w, U"ая") || Ends(w, U"яя"))) {
    const U32 st = Cut(w, 2);
    const bool soft = Ends(w, U"яя") || IsSibilant(Back(st));
    Add(out, U32(w), kN);
    Add(out, st + (soft ? U"ей" : U"ой"), kG | kD | kI | kP);
    Add(out, st + (Ends(w, U"яя") ? U"юю" : U"ую"), kA);
  } else {
    Add(out, U32(w), kAllCases);
  }
  return out;
}

bool Possessive(U32View w) {
  return w.size() >= 4 && (Ends(w, U"ов") || Ends(w, U"ев") || Ends(w, U"ин") || Ends(w, U"ын"));
}
bool AdjectivalMale(U32View w) {
  return w.size() >= 4 && (Ends(w, U"ий") || Ends(w, U"ый") || Ends(w, U"ой")) && !IsVowel(w[w.size() - 3]);
}
bool IndeclinableShape(U32View w) { return Ends(w, U"ко") || Ends(w, U"ых") || Ends(w, U"их"); }

Forms SurnameForms(U32View w, Gender gender) {
  Forms out;
  if (w.size() < 2 || IndeclinableShape(w)) {
    Add(out, U32(w), kAllCases);
  } else if (gender == Gender::kFemale) {
    if (w.size() >= 5 && (Ends(w, U"ова") || Ends(w, U"ева") || Ends(w, U"ина") || Ends(w, U"ына"))) {
      const U32 st = Cut(w, 1);
      Add(out, U32(w), kN);
      Add(out, st + U"ой", kG | kD | kI | kP);
      Add(out, st + U"у", kA);
    } else if (w.size() >= 4 && (Ends(w, U"ая") || Ends(w, U"яя"))) {
      out = AdjectiveForms(w);
    } else if (Back(w) == U'а' || Back(w) == U'я') {
      out = NounForms(w, Gender::kFemale, {});
    } else {
      Add(out, U32(w), kAllCases);  // feminine of a consonant surname: Мясникович
    }
  } else if (Possessive(w)) {
    Add(out, U32(w), kN);
    Add(out, U32(w) + U"а", kG | kA);
    Add(out, U32(w) + U"у", kD);
    Add(out, U32(w) + U"ым", kI);
    if (Ends(w, U"ин")) Add(out, U32(w) + U"ом", kI);  // foreign -ин: Чаплином
    Add(out, U32(w) + U"е", kP);
  } else if (AdjectivalMale(w)) {
    out = AdjectiveForms(w);
  } else {
    out = NounForms(w, Gender::kMale, {});
  }
  return out;
}

// How typical a nominative surname shape is: breaks ties between guesses.
// kTypicalSurname and above: shapes common words rarely have.
constexpr int kTypicalSurname = 4;
int SurnameShapeScore(U32View w, Gender gender) {
  if (IndeclinableShape(w)) return 6;
  const int other = IsVowel(Back(w)) && Back(w) != U'а' && Back(w) != U'я' ? 0 : 2;
  if (gender == Gender::kFemale) {
    if (w.size() >= 5 && (Ends(w, U"ова") || Ends(w, U"ева") || Ends(w, U"ина") || Ends(w, U"ына"))) return 6;
    if (Ends(w, U"ская") || Ends(w, U"цкая")) return 6;
    if (Ends(w, U"ая")) return IsSibilant(w[w.size() - 3]) ? 2 : 4;
    return Back(w) == U'й' ? 1 : other;  // Глушей is Глуша's instrumental more often than a name
  }
  if (Possessive(w) || Ends(w, U"ский") || Ends(w, U"цкий")) return 6;
  if (AdjectivalMale(w)) return Ends(w, U"ый") ? 3 : 4;  // Толстой, Крутой outnumber -ый
  return other;
}

struct SurnameGuess {
  size_t strip = 0;  // code points cut from the seen form
  U32 add;           // then appended
  U32 nom;           // folded nominative
  CaseMask cases = 0;
  int score = -1;
};

// Guesses the nominative of a folded surname form seen in `cases`: cut up to
// three letters, append a nominative ending, keep the guesses whose
// declension contains the form, and take the most typical shape.
SurnameGuess GuessSurnameUncached(U32View form, CaseMask cases, Gender gender) {
  static constexpr U32View kEndings[] = {U"", U"а", U"я", U"й", U"ь", U"ой", U"ий", U"ый", U"ая", U"яя"};
  SurnameGuess best;
  const Gender g = gender == Gender::kFemale ? Gender::kFemale : Gender::kMale;
  for (size_t strip = 0; strip <= 3 && strip + 2 <= form.size(); ++strip) {
    const U32 base = Cut(form, strip);
    for (U32View end : kEndings) {
      U32 nom = base + U32(end);
      if (nom.size() < 2 || (strip == 0 && !end.empty())) continue;
      if ((end == U"й" && !IsVowel(Back(base)) && Back(base) != U'ь') || (end == U"ь" && IsVowel(Back(base))) ||
          (end.size() == 2 && IsVowel(Back(base))))
        continue;
      Forms forms;
      size_t cut = strip;
      if (g == Gender::kMale && end == U"й" && Back(base) == U'ь') {  // fleeting е: Соловья -> Соловей
        nom = Cut(base, 1) + U"ей";
        forms = NounForms(nom, g, base);
        cut = strip + 1;
      } else if (g == Gender::kMale && end.empty() && Ends(base, U"йц")) {  // Зайцем -> Заяц
        nom = Cut(base, 2) + U"яц";
        forms = NounForms(nom, g, base);
        cut = strip + 2;
      } else {
        forms = SurnameForms(nom, g);
      }
      for (const auto& [f, m] : forms) {
        if (f != form || (m & cases) == 0) continue;
        const int score = SurnameShapeScore(nom, g);
        if (score > best.score)
          best = {cut, U32(nom.substr(base.size() - (cut - strip))), nom, static_cast<CaseMask>(m & cases), score};
      }
    }
  }
  return best;
}

// GuessSurname is a pure function that builds some hundred candidate strings;
// names recur within and across documents, so each thread remembers its
// answers (bounded; cleared when full).
SurnameGuess GuessSurname(U32View form, CaseMask cases, Gender gender) {
  constexpr size_t kMaxCached = 1u << 14;
  thread_local std::unordered_map<U32, SurnameGuess> cache;
  U32 key(form);
  key.push_back(static_cast<char32_t>(cases) | (static_cast<char32_t>(gender) << 8) | 0x110000u);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= CacheLimit(kMaxCached)) cache.clear();
  SurnameGuess g = GuessSurnameUncached(form, cases, gender);
  cache.emplace(std::move(key), g);
  return g;
}

std::vector<CaseForm> ToCaseForms(const Forms& forms) {
  std::vector<CaseForm> out;
  out.reserve(forms.size());
  for (const auto& [f, m] : forms) out.push_back({Encode(f), m});
  return out;
}

// A word, a hyphenated word (Кара-оол, Махмуд-Али), an initial with its dot,
// or one other token.
// Groups are built for every token, so they hold views: `fold` into the
// token's fold (or, for a hyphenated word, into Find()'s joined-fold store)
// and `raw` into the text; Text() decodes on the rare occasions a name is
// rebuilt.
struct Group {
  uint32_t start = 0, end = 0;
  bool word = false, initial = false, upper = false, all_upper = false;
  bool long_word = false;  // a capitalised word of two or more code points (NameWord's test)
  uint32_t key = 0;        // KeyFilter::Key(fold), for the groups long_word marks (else 0)
  std::string_view fold;
  std::string_view raw;  // as written; empty when the token lies outside the text
  U32 Text() const { return Decode(raw); }
};

// Whether s is one code point: one byte that is not a UTF-8 continuation byte
// (CodePointCount(s) == 1 without counting past the second).
bool OneCodePoint(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n > 1) return false;
  }
  return n == 1;
}

struct Patronymic {
  Gender gender = Gender::kUnknown;
  CaseMask cases = 0;
  size_t strip = 0;
  U32 add;
};

}  // namespace

// Prepositions that govern one case: a closed grammatical class, kept here
// with the case endings rather than in a lexicon.
GramCase PrepositionCase(std::string_view fold) {
  static const std::pair<std::string_view, GramCase> kPreps[] = {
      {"с", GramCase::kIns},    {"со", GramCase::kIns},   {"между", GramCase::kIns}, {"перед", GramCase::kIns},
      {"у", GramCase::kGen},    {"от", GramCase::kGen},   {"для", GramCase::kGen},   {"без", GramCase::kGen},
      {"до", GramCase::kGen},   {"из", GramCase::kGen},   {"около", GramCase::kGen}, {"кроме", GramCase::kGen},
      {"к", GramCase::kDat},    {"ко", GramCase::kDat},   {"по", GramCase::kDat},    {"о", GramCase::kPrep},
      {"об", GramCase::kPrep},  {"обо", GramCase::kPrep}, {"при", GramCase::kPrep},  {"про", GramCase::kAcc},
      {"через", GramCase::kAcc}};
  for (const auto& [p, c] : kPreps)
    if (p == fold) return c;
  return GramCase::kUnknown;
}

GramCase PickCase(CaseMask mask, GramCase preferred) {
  if (preferred != GramCase::kUnknown && (mask & CaseBit(preferred))) return preferred;
  for (GramCase c : {GramCase::kNom, GramCase::kGen, GramCase::kDat, GramCase::kAcc, GramCase::kIns, GramCase::kPrep})
    if (mask & CaseBit(c)) return c;
  return GramCase::kUnknown;
}

std::string_view GramCaseName(GramCase c) {
  switch (c) {
    case GramCase::kNom:
      return "nom";
    case GramCase::kGen:
      return "gen";
    case GramCase::kDat:
      return "dat";
    case GramCase::kAcc:
      return "acc";
    case GramCase::kIns:
      return "ins";
    case GramCase::kPrep:
      return "prep";
    case GramCase::kUnknown:
      break;
  }
  return "unknown";
}

std::vector<CaseForm> DeclineNoun(std::string_view folded_nom, Gender gender, std::string_view oblique_stem) {
  return ToCaseForms(NounForms(Decode(folded_nom), gender, Decode(oblique_stem)));
}
std::vector<CaseForm> DeclineAdjective(std::string_view folded_nom) {
  return ToCaseForms(AdjectiveForms(Decode(folded_nom)));
}
std::vector<CaseForm> DeclinePluralNoun(std::string_view folded_nom, std::string_view oblique_stem) {
  const U32 w = Decode(folded_nom);
  Forms out;
  if (w.size() < 2) return {};
  const char32_t z = Back(w);
  if (z == U'а' || z == U'я') {  // глава: главы, глав, главам, главами, главах
    const U32 st = Cut(w, 1);
    Add(out, st + (IsVelar(Back(st)) || IsSibilant(Back(st)) || z == U'я' ? U"и" : U"ы"), kN);
    Add(out, st, kG | kA);
    Add(out, st + (z == U'я' ? U"ям" : U"ам"), kD);
    Add(out, st + (z == U'я' ? U"ями" : U"ами"), kI);
    Add(out, st + (z == U'я' ? U"ях" : U"ах"), kP);
  } else if (z == U'ь' || z == U'й') {  // председатель: председатели, председателей
    const U32 st = oblique_stem.empty() ? Cut(w, 1) : Decode(oblique_stem);
    Add(out, st + U"и", kN);
    Add(out, st + U"ей", kG | kA);
    Add(out, st + U"ям", kD);
    Add(out, st + U"ями", kI);
    Add(out, st + U"ях", kP);
  } else if (!IsVowel(z) && IsLetter(z)) {  // губернатор, посол (посл-)
    const U32 st = oblique_stem.empty() ? U32(w) : Decode(oblique_stem);
    const char32_t c = Back(st);
    Add(out, st + (IsVelar(c) || IsSibilant(c) ? U"и" : U"ы"), kN);
    Add(out, st + (IsSibilant(c) ? U"ей" : U"ов"), kG | kA);
    Add(out, st + U"ам", kD);
    Add(out, st + U"ами", kI);
    Add(out, st + U"ах", kP);
  }
  return ToCaseForms(out);
}

std::vector<CaseForm> DeclinePluralAdjective(std::string_view folded_nom) {
  const U32 w = Decode(folded_nom);
  if (w.size() < 4 || !(Ends(w, U"ый") || Ends(w, U"ий") || Ends(w, U"ой"))) return {};
  const U32 st = Cut(w, 2);
  const char32_t c = Back(st);
  const bool i_vowel = Ends(w, U"ий") || IsVelar(c) || IsSibilant(c);
  Forms out;
  Add(out, st + (i_vowel ? U"ие" : U"ые"), kN);
  Add(out, st + (i_vowel ? U"их" : U"ых"), kG | kA | kP);
  Add(out, st + (i_vowel ? U"им" : U"ым"), kD);
  Add(out, st + (i_vowel ? U"ими" : U"ыми"), kI);
  return ToCaseForms(out);
}

std::vector<CaseForm> DeclineSurname(std::string_view folded_nom, Gender gender) {
  return ToCaseForms(SurnameForms(Decode(folded_nom), gender));
}

// ---------------------------------------------------------------------------
// NameFinder

struct NameFinder::Impl {
  static std::vector<Group> Groups(std::string_view text, std::span<const segment::Token> tokens,
                                   std::deque<std::string>& joined);
  static std::unordered_set<std::string> PatronymicBases(const NameFinder& nf);

  static bool ParsePatronymic(const NameFinder& nf, const Group& g, Patronymic& out);

  static const Official* BestOfficial(const NameFinder& nf, const std::vector<uint32_t>& ids);
  static void SetOfficial(const NameFinder& nf, PersonMention& m, const std::vector<uint32_t>& ids);
  static std::vector<PersonMention> Find(const NameFinder& nf, std::string_view text,
                                         const std::vector<segment::Token>& tokens);
  // The first-name and official-surname readings of a NameWord group; nullptr
  // when it has none. The KeyFilter answers most words without hashing.
  static const std::vector<FirstForm>* FirstForms(const NameFinder& nf, const Group& g) {
    if (!nf.first_filter_.MayContainKey(g.key)) return nullptr;
    auto it = nf.first_forms_.find(g.fold);
    return it == nf.first_forms_.end() ? nullptr : &it->second;
  }
  static const std::vector<OfficialForm>* SurnameForms(const NameFinder& nf, const Group& g) {
    if (!nf.surname_filter_.MayContainKey(g.key)) return nullptr;
    auto it = nf.surname_forms_.find(g.fold);
    return it == nf.surname_forms_.end() ? nullptr : &it->second;
  }
};

namespace {

std::string Rebuild(U32View text, bool all_upper, size_t strip, U32View add) {
  U32 t = all_upper ? TitleCase(text) : U32(text);
  return Encode(Cut(t, strip) + U32(add));
}

int ParseYear(const std::string& s) {
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y;
}

std::string NoteValue(std::string_view note, std::string_view key) {
  size_t p = note.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  size_t e = note.find(' ', p);
  return std::string(note.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p));
}

}  // namespace

std::unordered_set<std::string> NameFinder::Impl::PatronymicBases(const NameFinder& nf) {
  std::unordered_set<std::string> bases;
  for (const auto& n : nf.first_names_) {
    if (n.gender != Gender::kMale) continue;
    const U32 w = Decode(n.fold);
    bases.insert(n.fold);
    const char32_t z = Back(w);
    if (z == U'й' || z == U'ь' || z == U'а' || z == U'я') bases.insert(Encode(Cut(w, 1)));
    if (Ends(w, U"ий")) bases.insert(Encode(Cut(w, 2) + U"ь"));
  }
  return bases;
}

bool NameFinder::Impl::ParsePatronymic(const NameFinder& nf, const Group& g, Patronymic& out) {
  if (!g.word || !g.upper) return false;
  const U32 w = Decode(g.fold);
  static constexpr std::pair<U32View, CaseMask> kMale[] = {{U"", kN},   {U"а", kG | kA}, {U"у", kD},
                                                           {U"ем", kI}, {U"ом", kI},     {U"е", kP}};
  static constexpr std::pair<U32View, CaseMask> kFemale[] = {
      {U"а", kN}, {U"ы", kG}, {U"е", kD | kP}, {U"у", kA}, {U"ой", kI}};
  const auto& bases = nf.patronymic_bases_;
  auto known = [&](const U32& base) { return base.size() >= 2 && bases.count(Encode(base)) > 0; };
  for (const auto& [end, cases] : kMale) {
    if (!Ends(w, end)) continue;
    const U32 core = Cut(w, end.size());
    if (!Ends(core, U"ич") || core.size() < 5) continue;
    U32 base = Ends(core, U"ович") || Ends(core, U"евич") ? Cut(core, 4) : Cut(core, 2);
    if (!known(base) && !known(Cut(core, 2))) continue;
    out = {Gender::kMale, cases, end.size(), U""};
    return true;
  }
  for (const auto& [end, cases] : kFemale) {
    if (!Ends(w, end)) continue;
    const U32 core = Cut(w, end.size());
    if (core.size() < 5) continue;
    U32 base;
    if (Ends(core, U"овн") || Ends(core, U"евн"))
      base = Cut(core, 3);
    else if (Ends(core, U"иничн"))
      base = Cut(core, 5);
    else if (Ends(core, U"ичн"))
      base = Cut(core, 3);
    else
      continue;
    if (!known(base)) continue;
    out = {Gender::kFemale, cases, end.size(), U"а"};
    return true;
  }
  return false;
}

std::vector<Group> NameFinder::Impl::Groups(std::string_view text, std::span<const segment::Token> tokens,
                                            std::deque<std::string>& joined) {
  // A one-character fold: compared by size first (std::string == "." would
  // measure the literal and call compare()).
  auto is = [](std::string_view fold, char c) { return fold.size() == 1 && fold[0] == c; };
  std::vector<Group> out;
  out.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    // Filled in place: a Group built on the stack and copied in stalled on
    // the copy's wide loads of its just-written bytes.
    Group& g = out.emplace_back();
    g.start = t.start;
    g.end = t.end;
    g.fold = t.fold;
    std::string* join = nullptr;
    g.word = t.kind == segment::TokenKind::kWord;
    g.upper = t.upper_initial;
    g.all_upper = t.all_upper;
    if (g.word) {
      if (t.upper_initial && OneCodePoint(t.fold) && i + 1 < tokens.size() && is(tokens[i + 1].fold, '.') &&
          !tokens[i + 1].space_before) {
        g.initial = true;
        g.end = tokens[++i].end;
      } else {
        while (i + 2 < tokens.size() && is(tokens[i + 1].fold, '-') && !tokens[i + 1].space_before &&
               !tokens[i + 2].space_before && tokens[i + 2].kind == segment::TokenKind::kWord) {
          if (!join) join = &joined.emplace_back(t.fold);
          *join += '-';
          *join += tokens[i + 2].fold;
          g.fold = *join;
          g.all_upper = g.all_upper && tokens[i + 2].all_upper;
          g.end = tokens[i + 2].end;
          i += 2;
        }
      }
    }
    if (g.end <= text.size()) g.raw = text.substr(g.start, g.end - g.start);
    if (g.word && g.upper && !g.initial && !g.raw.empty()) {
      size_t k = 0;
      NextCodePoint(g.raw, k);
      g.long_word = k < g.raw.size();
      if (g.long_word) g.key = KeyFilter::Key(g.fold);
    }
  }
  return out;
}

const NameFinder::Official* NameFinder::Impl::BestOfficial(const NameFinder& nf, const std::vector<uint32_t>& ids) {
  const Official* best = nullptr;
  for (uint32_t id : ids) {
    const Official& o = nf.officials_[id];
    if (best && best->name != o.name) return nullptr;  // two people share the surname
    auto rank = [](const Official& x) { return (x.to == 0 ? 10000 : x.to) * 2 + (x.from > 0 ? 1 : 0); };
    if (!best || rank(o) > rank(*best) || (rank(o) == rank(*best) && o.from > best->from)) best = &o;
  }
  return best;
}

void NameFinder::Impl::SetOfficial(const NameFinder& nf, PersonMention& m, const std::vector<uint32_t>& ids) {
  if (const Official* o = BestOfficial(nf, ids)) {
    m.official_name = o->name;
    m.official_role = o->role;
    m.official_party = o->party;
    m.official_posts = nf.posts_[static_cast<size_t>(o - nf.officials_.data())];
  }
}

Result<std::shared_ptr<const NameFinder>> NameFinder::Load() {
  std::shared_ptr<NameFinder> nf(new NameFinder());
  auto first_text = data::Read("lexicons/first_names.tsv");
  if (!first_text.ok()) return first_text.status();
  auto first_rows = data::ParseTsv("lexicons/first_names.tsv", *first_text, 2);
  if (!first_rows.ok()) return first_rows.status();
  std::unordered_map<std::string, std::string> patronymic_stems;
  for (const auto& row : *first_rows) {
    FirstName n;
    n.nom = row.cols[0];
    n.fold = FoldCase(n.nom);
    n.gender = row.cols[1] == "f" ? Gender::kFemale : Gender::kMale;
    const std::string note = row.cols.size() > 2 ? row.cols[2] : "";
    n.common_word = note.find("word") != std::string::npos;
    n.foreign = note.find("foreign") != std::string::npos;
    if (nf->first_forms_.count(n.fold)) {
      bool same = false;
      for (const auto& f : nf->first_forms_[n.fold]) same |= nf->first_names_[f.name].fold == n.fold;
      if (same) continue;  // a spelling variant (Пётр after Петр)
    }
    const auto id = static_cast<uint32_t>(nf->first_names_.size());
    const std::string stem = FoldCase(NoteValue(note, "stem="));
    const std::string patr = FoldCase(NoteValue(note, "patr="));
    if (!patr.empty()) nf->patronymic_bases_.insert(patr);
    if (!stem.empty() && n.gender == Gender::kMale) nf->patronymic_bases_.insert(stem);
    for (const auto& f : DeclineNoun(n.fold, n.gender, stem)) nf->first_forms_[f.form].push_back({id, f.cases});
    nf->first_names_.push_back(std::move(n));
  }
  for (const auto& b : Impl::PatronymicBases(*nf)) nf->patronymic_bases_.insert(b);
  // Masculine readings first: officials are mostly men, so "Александра Гусева"
  // is read as the genitive of Александр Гусев unless the context says otherwise.
  for (auto& [form, list] : nf->first_forms_) {
    std::stable_sort(list.begin(), list.end(), [&](const FirstForm& a, const FirstForm& b) {
      return nf->first_names_[a.name].gender == Gender::kMale && nf->first_names_[b.name].gender != Gender::kMale;
    });
  }

  auto off_text = data::Read("lexicons/officials.tsv");
  if (!off_text.ok()) return off_text.status();
  auto off_rows = data::ParseTsv("lexicons/officials.tsv", *off_text, 3);
  if (!off_rows.ok()) return off_rows.status();
  for (const auto& row : *off_rows) {
    Official o;
    o.name = row.cols[0];
    o.role = row.cols[1];
    o.party = row.cols[2];
    o.from = row.cols.size() > 3 ? ParseYear(row.cols[3]) : 0;
    o.to = row.cols.size() > 4 ? ParseYear(row.cols[4]) : 0;
    const size_t sp = o.name.rfind(' ');
    if (sp == std::string::npos) {
      return Status(StatusCode::kCorrupt,
                    "lexicons/officials.tsv:" + std::to_string(row.line) + ": name needs a first name and a surname");
    }
    o.first_fold = FoldCase(o.name.substr(0, sp));
    o.surname_fold = FoldCase(o.name.substr(sp + 1));
    o.gender = Gender::kMale;
    if (auto it = nf->first_forms_.find(o.first_fold); it != nf->first_forms_.end()) {
      for (const auto& f : it->second)
        if ((f.cases & kN) && nf->first_names_[f.name].fold == o.first_fold) o.gender = nf->first_names_[f.name].gender;
    }
    const auto id = static_cast<uint32_t>(nf->officials_.size());
    nf->officials_by_surname_[o.surname_fold].push_back(id);
    for (const auto& f : DeclineSurname(o.surname_fold, o.gender)) nf->surname_forms_[f.form].push_back({id, f.cases});
    const std::string stem = FoldCase(NoteValue(row.cols.size() > 5 ? row.cols[5] : "", "stem="));
    if (!stem.empty()) {
      for (const auto& f : DeclineNoun(o.surname_fold, o.gender, stem))
        if (f.form != o.surname_fold) nf->surname_forms_[f.form].push_back({id, f.cases});
    }
    nf->officials_.push_back(std::move(o));
  }
  auto particle_text = data::Read("lexicons/name_particles.tsv");
  if (!particle_text.ok()) return particle_text.status();
  auto particle_rows = data::ParseTsv("lexicons/name_particles.tsv", *particle_text, 1);
  if (!particle_rows.ok()) return particle_rows.status();
  for (const auto& row : *particle_rows) nf->particles_.insert(FoldCase(row.cols[0]));
  nf->posts_.resize(nf->officials_.size());
  for (size_t id = 0; id < nf->officials_.size(); ++id) {
    for (uint32_t other : nf->officials_by_surname_.find(nf->officials_[id].surname_fold)->second) {
      const Official& x = nf->officials_[other];
      if (x.name == nf->officials_[id].name) nf->posts_[id].push_back({x.role, x.party, x.from, x.to});
    }
  }
  for (const auto& [form, list] : nf->first_forms_) nf->first_filter_.Add(form);
  for (const auto& [form, list] : nf->surname_forms_) nf->surname_filter_.Add(form);
  return std::shared_ptr<const NameFinder>(std::move(nf));
}

namespace {

bool NameWord(const Group& g) { return g.long_word; }

// The surname of an official in the lexicon's spelling.
std::string OfficialSurname(const NameFinder::Official& o) { return o.name.substr(o.name.rfind(' ') + 1); }

// Up to three initials from groups[i]: "А.", "А.Г.", "А. Г.". Returns the count.
size_t Initials(const std::vector<Group>& groups, size_t i, std::string& out) {
  size_t n = 0;
  while (i + n < groups.size() && n < 3 && groups[i + n].initial) {
    out += Encode(TitleCase(U32View(groups[i + n].Text()).substr(0, 1))) + ".";
    ++n;
  }
  return n;
}

// Verb right after a name: its past-tense ending tells the gender of a
// nominative subject («Александра Гусева рассказала»).
Gender VerbGender(const std::vector<Group>& groups, size_t i) {
  if (i >= groups.size() || !groups[i].word || groups[i].upper) return Gender::kUnknown;
  const U32 w = Decode(groups[i].fold);
  if (w.size() < 4) return Gender::kUnknown;
  if (Ends(w, U"ла") || Ends(w, U"лась")) return Gender::kFemale;
  if (Ends(w, U"ил") || Ends(w, U"ал") || Ends(w, U"ел") || Ends(w, U"лся")) return Gender::kMale;
  return Gender::kUnknown;
}

}  // namespace

std::vector<PersonMention> NameFinder::Impl::Find(const NameFinder& nf, std::string_view text,
                                                  const std::vector<segment::Token>& tokens) {
  std::deque<std::string> joined;  // folds of hyphenated words, viewed by groups
  const std::vector<Group> groups = Groups(text, tokens, joined);
  const size_t n = groups.size();
  std::vector<PersonMention> out;
  size_t i = 0;
  // Official ids for a surname form, limited to those with a matching first
  // name fold (or first initial) and cases; returns the cases they share.
  auto official_ids = [&](const Group& g, std::string_view first_fold, std::string_view initial, CaseMask cases,
                          std::vector<uint32_t>& ids) {
    CaseMask found = 0;
    const std::vector<OfficialForm>* forms = SurnameForms(nf, g);
    if (!forms) return found;
    for (const auto& f : *forms) {
      const Official& o = nf.officials_[f.official];
      if (!first_fold.empty() && o.first_fold != first_fold) continue;
      if (!initial.empty() && FoldCase(initial) != o.first_fold.substr(0, FoldCase(initial).size())) continue;
      if ((f.cases & cases) == 0) continue;
      ids.push_back(f.official);
      found |= static_cast<CaseMask>(f.cases & cases);
    }
    return found;
  };
  auto prep_case = [&](size_t at) { return at > 0 ? PrepositionCase(groups[at - 1].fold) : GramCase::kUnknown; };

  while (i < n) {
    const Group& g0 = groups[i];
    // Every reading below starts with an initial (1) or a capitalised name word (2-5).
    if (!g0.initial && !NameWord(g0)) {
      ++i;
      continue;
    }
    // «Абдулла бин Насер Аль Халифа»: a word after a name word and a particle
    // continues a foreign name, which GuessNameAt reads whole from its place
    if (i >= 2 && groups[i - 1].word && !groups[i - 1].upper && nf.particles_.contains(groups[i - 1].fold) &&
        NameWord(groups[i - 2])) {
      ++i;
      continue;
    }
    PersonMention m;
    size_t next = i;

    // 1. Initials + surname: «А. Лукашенко», «А.Г. Лукашенко».
    std::string initials;
    const size_t ni = Initials(groups, i, initials);
    if (ni > 0 && i + ni < n && NameWord(groups[i + ni])) {
      const Group& s = groups[i + ni];
      std::vector<uint32_t> ids;
      CaseMask cases = official_ids(s, "", initials.substr(0, initials.find('.')), kAllCases, ids);
      std::string surname;
      if (!ids.empty()) {
        surname = OfficialSurname(nf.officials_[ids[0]]);
        m.gender = nf.officials_[ids[0]].gender;
      } else {
        const SurnameGuess sg = GuessSurname(Decode(s.fold), kAllCases, Gender::kMale);
        cases = sg.cases;
        surname = Rebuild(s.Text(), s.all_upper, sg.strip, sg.add);
      }
      m.surname = surname;
      m.name = initials + " " + surname;
      m.surname_only = true;
      m.gram_case = PickCase(cases, prep_case(i));
      SetOfficial(nf, m, ids);
      next = i + ni + 1;
    }

    // 2. First [Patronymic] [Surname].
    const std::vector<FirstForm>* first_forms = next == i && NameWord(g0) && !g0.all_upper ? FirstForms(nf, g0) : nullptr;
    if (first_forms) {
      Patronymic pat;
      const bool has_pat = i + 1 < n && ParsePatronymic(nf, groups[i + 1], pat);
      const size_t k = has_pat ? i + 2 : i + 1;
      // a surname, or a particle-prefixed one in lower case («аль-Рашидом»)
      auto particle_prefixed = [&](const Group& g) {
        const size_t dash = g.fold.find('-');
        return g.word && dash != std::string_view::npos && nf.particles_.contains(g.fold.substr(0, dash));
      };
      const bool sur_word = k < n && ((NameWord(groups[k]) && !groups[k].all_upper) || particle_prefixed(groups[k]));
      const GramCase pc = prep_case(i);
      struct Cand {
        uint32_t name = 0;
        CaseMask cases = 0;
        bool has_sur = false;
        std::string surname;
        std::vector<uint32_t> ids;
        int score = -1;
      } best;
      for (const auto& f : *first_forms) {
        const FirstName& fn = nf.first_names_[f.name];
        Cand c;
        c.name = f.name;
        c.cases = f.cases;
        if (has_pat) {
          if (pat.gender != fn.gender) continue;
          c.cases &= pat.cases;
          if (c.cases == 0) continue;
        }
        int score = 0;
        if (sur_word) {
          const Group& s = groups[k];
          const CaseMask oc = official_ids(s, fn.fold, "", c.cases, c.ids);
          if (!c.ids.empty()) {
            c.cases = oc;
            c.has_sur = true;
            c.surname = OfficialSurname(nf.officials_[c.ids[0]]);
            score += 10;
          } else {
            // a particle prefix stays and the word after it declines (Ахмедом аль-Рашидом)
            const U32 fold = Decode(particle_prefixed(s) ? s.fold.substr(s.fold.find('-') + 1) : s.fold);
            SurnameGuess sg = GuessSurname(fold, c.cases, fn.gender);
            // after a foreign first name, a surname in -и or -о does not decline (Казема Джалали)
            if (fn.foreign && (Back(fold) == U'и' || Back(fold) == U'о') && sg.strip > 0)
              sg = SurnameGuess{0, U"", fold, c.cases, 0};
            if (sg.score >= (fn.common_word ? kTypicalSurname : 0)) {
              c.cases = sg.cases;
              c.has_sur = true;
              c.surname = Rebuild(s.Text(), s.all_upper, sg.strip, sg.add);
              score += sg.score;
            }
          }
        }
        if (!c.has_sur && !has_pat) continue;
        if (pc != GramCase::kUnknown && (c.cases & CaseBit(pc))) score += 3;
        const Gender vg = VerbGender(groups, c.has_sur ? k + 1 : k);
        if (vg == fn.gender && (c.cases & kN)) score += 2;
        c.score = score;
        if (c.score > best.score) best = std::move(c);
      }
      if (best.score >= 0) {
        const FirstName& fn = nf.first_names_[best.name];
        m.first = (best.cases & kN) && g0.fold == fn.fold ? std::string(Encode(g0.Text())) : fn.nom;
        m.name = m.first;
        if (has_pat) {
          m.patronymic = Rebuild(groups[i + 1].Text(), groups[i + 1].all_upper, pat.strip, pat.add);
          m.name += " " + m.patronymic;
        }
        if (best.has_sur) {
          m.surname = best.surname;
          m.name += " " + m.surname;
          if (best.ids.empty()) {
            if (auto it = nf.officials_by_surname_.find(FoldCase(m.surname)); it != nf.officials_by_surname_.end()) {
              for (uint32_t id : it->second)
                if (nf.officials_[id].first_fold == fn.fold) best.ids.push_back(id);
            }
          }
          SetOfficial(nf, m, best.ids);
        }
        m.gender = fn.gender;
        m.gram_case = PickCase(best.cases, pc);
        next = best.has_sur ? k + 1 : i + 2;
      }
    }

    // 3. Surname First [Patronymic]: «Лукашенко Александр Григорьевич».
    const std::vector<FirstForm>* second_forms =
        next == i && NameWord(g0) && i + 1 < n && NameWord(groups[i + 1]) ? FirstForms(nf, groups[i + 1]) : nullptr;
    if (second_forms) {
      Patronymic pat;
      const bool has_pat = i + 2 < n && ParsePatronymic(nf, groups[i + 2], pat);
      // «президента Беларуси Александра Григорьевича Лукашенко»: a name word
      // after First Patronymic is their surname, so the word before is not.
      if (has_pat && i + 3 < n && NameWord(groups[i + 3]) && !groups[i + 3].all_upper) second_forms = nullptr;
    }
    if (second_forms) {
      Patronymic pat;
      const bool has_pat = i + 2 < n && ParsePatronymic(nf, groups[i + 2], pat);
      for (const auto& f : *second_forms) {
        const FirstName& fn = nf.first_names_[f.name];
        CaseMask cases = f.cases;
        if (has_pat) {
          if (pat.gender != fn.gender) continue;
          cases &= pat.cases;
        }
        if (cases == 0) continue;
        std::vector<uint32_t> ids;
        const CaseMask oc = official_ids(g0, fn.fold, "", cases, ids);
        std::string surname;
        if (!ids.empty()) {
          cases = oc;
          surname = OfficialSurname(nf.officials_[ids[0]]);
        } else if (has_pat) {
          const SurnameGuess sg = GuessSurname(Decode(g0.fold), cases, fn.gender);
          if (sg.score < 2) continue;
          cases = sg.cases;
          surname = Rebuild(g0.Text(), g0.all_upper, sg.strip, sg.add);
        } else {
          continue;
        }
        m.first = fn.nom;
        m.surname = surname;
        m.name = m.first;
        if (has_pat) {
          m.patronymic = Rebuild(groups[i + 2].Text(), groups[i + 2].all_upper, pat.strip, pat.add);
          m.name += " " + m.patronymic;
        }
        m.name += " " + surname;
        m.gender = fn.gender;
        m.gram_case = PickCase(cases, prep_case(i));
        SetOfficial(nf, m, ids);
        next = has_pat ? i + 3 : i + 2;
        break;
      }
    }

    // 4. A known official's surname alone, maybe with initials after it.
    const std::vector<OfficialForm>* surname_forms = next == i && NameWord(g0) ? SurnameForms(nf, g0) : nullptr;
    if (surname_forms) {
      std::string after;
      const size_t na = Initials(groups, i + 1, after);
      std::vector<uint32_t> ids;
      CaseMask cases = official_ids(g0, "", na ? after.substr(0, after.find('.')) : "", kAllCases, ids);
      if (ids.empty()) cases = official_ids(g0, "", "", kAllCases, ids);
      // Different surnames can share a form (Любимову: Любимов's dative,
      // Любимова's accusative): keep the surname read in the likelier case.
      {
        const std::vector<OfficialForm>& forms = *surname_forms;
        auto rank = [&](uint32_t id) {
          CaseMask c = 0;
          for (const auto& f : forms) c |= f.official == id ? f.cases : 0;
          return static_cast<int>(PickCase(c));
        };
        uint32_t pick = ids[0];
        for (uint32_t id : ids) pick = rank(id) < rank(pick) ? id : pick;
        const std::string surname = nf.officials_[pick].surname_fold;
        std::erase_if(ids, [&](uint32_t id) { return nf.officials_[id].surname_fold != surname; });
        cases = 0;
        for (const auto& f : forms)
          if (nf.officials_[f.official].surname_fold == surname) cases |= f.cases;
      }
      const Official& o = nf.officials_[ids[0]];
      m.surname = OfficialSurname(o);
      m.name = na ? after + " " + m.surname : m.surname;
      m.surname_only = true;
      m.gender = o.gender;
      for (uint32_t id : ids)
        if (nf.officials_[id].gender != o.gender) m.gender = Gender::kUnknown;
      m.gram_case = PickCase(cases, prep_case(i));
      SetOfficial(nf, m, ids);
      next = i + 1 + na;
    }

    // 5. Any surname followed by initials: «Петров А.В.».
    if (next == i && NameWord(g0) && !g0.all_upper && i + 1 < n && groups[i + 1].initial) {
      std::string after;
      const size_t na = Initials(groups, i + 1, after);
      const SurnameGuess sg = GuessSurname(Decode(g0.fold), kAllCases, Gender::kMale);
      if (sg.score >= 2) {
        m.surname = Rebuild(g0.Text(), g0.all_upper, sg.strip, sg.add);
        m.name = after + " " + m.surname;
        m.surname_only = true;
        m.gram_case = PickCase(sg.cases, prep_case(i));
        next = i + 1 + na;
      }
    }

    if (next == i) {
      ++i;
      continue;
    }
    m.start = g0.start;
    m.end = groups[next - 1].end;
    out.push_back(std::move(m));
    i = next;
  }
  return out;
}

std::vector<PersonMention> NameFinder::Find(std::string_view text, const std::vector<segment::Token>& tokens) const {
  return Impl::Find(*this, text, tokens);
}

std::string NameFinder::Normalize(std::string_view phrase) const {
  const auto tokens = segment::Tokenize(phrase);
  if (tokens.empty()) return "";
  const auto found = Find(phrase, tokens);
  if (found.size() != 1 || found[0].start != tokens.front().start || found[0].end != tokens.back().end) return "";
  return found[0].name;
}

}  // namespace oborot::lang

namespace oborot::lang {
namespace {

// Endings of adjectives and participles in any case: «Национальной» is
// allowed (a feminine -а name's instrumental looks the same: «Нарендрой»),
// the rest mark a word of an institution's name, not of a person's.
bool AdjectiveEnding(U32View w) {
  static constexpr U32View kEnds[] = {U"ого", U"его", U"ому", U"ему", U"ыми", U"ими", U"ая", U"яя",
                                      U"ую",  U"юю",  U"ое",  U"ые",  U"ие",  U"ый",  U"ий"};
  if (w.size() < 4) return false;
  for (U32View e : kEnds)
    if (Ends(w, e)) return true;
  return false;
}

}  // namespace

std::optional<PersonMention> NameFinder::GuessNameAt(std::string_view text, const std::vector<segment::Token>& tokens,
                                                     size_t first, CaseMask cases) const {
  constexpr size_t kMaxWords = 4, kWindow = 12;
  if (first >= tokens.size() || (cases & kAllCases) == 0) return std::nullopt;
  const std::span<const segment::Token> window =
      std::span<const segment::Token>(tokens).subspan(first, std::min(tokens.size() - first, kWindow));
  // the folds of hyphenated words, kept for the groups' views; one store per
  // thread, emptied at each call (a deque allocates when made)
  thread_local std::deque<std::string> joined;
  joined.clear();
  const std::vector<Group> groups = Impl::Groups(text, window, joined);
  // particle: «бен», or a hyphenated word that starts with one («аль-Нахайяна»)
  auto particle = [&](const Group& g) { return g.word && !g.upper && particles_.contains(g.fold); };
  auto prefixed = [&](const Group& g) {
    const size_t dash = g.fold.find('-');
    return g.word && !g.upper && dash != std::string_view::npos && particles_.contains(g.fold.substr(0, dash));
  };
  std::vector<size_t> words;  // indexes of the name's words in groups (particles between them)
  size_t end = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    const Group& g = groups[i];
    if ((g.long_word && !g.all_upper) || (!words.empty() && prefixed(g))) {
      if (AdjectiveEnding(Decode(g.fold))) return std::nullopt;
      words.push_back(i);
      end = i + 1;
    } else if (!words.empty() && particle(g) && i + 1 < groups.size()) {
      continue;  // must be followed by a word: checked when the run ends
    } else {
      break;
    }
  }
  if (words.size() < 2 || words.size() > kMaxWords) return std::nullopt;
  // what follows: punctuation, a word in lower case, or the end of the window
  if (end < groups.size()) {
    const Group& after = groups[end];
    if (after.word && after.upper) return std::nullopt;
  } else if (first + window.size() < tokens.size()) {
    return std::nullopt;  // the run reaches past the window: too long for a name
  }
  // the gender and case most words fit
  struct Reading {
    Gender gender = Gender::kMale;
    GramCase gram_case = GramCase::kUnknown;
    std::vector<SurnameGuess> guesses;
    size_t fits = 0;
    int score = 0;  // how typical the nominatives' shapes are: breaks ties
  } best;
  for (Gender g : {Gender::kMale, Gender::kFemale}) {
    for (GramCase c : {GramCase::kNom, GramCase::kGen, GramCase::kDat, GramCase::kAcc, GramCase::kIns, GramCase::kPrep}) {
      if ((cases & CaseBit(c)) == 0) continue;
      Reading r{g, c, {}, 0};
      for (size_t w : words) {
        const Group& gr = groups[w];
        const size_t dash = gr.fold.find('-');
        // a particle prefix stays; the word after it declines
        const U32 fold = Decode(prefixed(gr) ? gr.fold.substr(dash + 1) : gr.fold);
        SurnameGuess sg = GuessSurname(fold, CaseBit(c), g);
        // A foreign name in -и or -о is more often indeclinable (Джалали,
        // Моди, Кувари) than the oblique form of a Russian-shaped one.
        // An oblique «-ии» is the -ия name's own form (Гарсии: Гарсия).
        if ((Back(fold) == U'и' || Back(fold) == U'о') && sg.strip > 0 && !Ends(fold, U"ии"))
          sg = SurnameGuess{0, U"", fold, CaseBit(c), 0};
        // Short syllables before the last word of an East Asian name stay as
        // written in every case (Фам Минь Тьинем, Гун Чжэном): a word of up
        // to four letters that fits no declension is kept indeclinable.
        if (sg.score < 0 && w != words.back() && fold.size() <= 4) sg = SurnameGuess{0, U"", fold, CaseBit(c), 0};
        // a first name is no adjective: «Танзилой» is Танзила, not Танзилая
        if (r.guesses.empty() && sg.score >= 0 && sg.add.size() == 2 && (Ends(sg.nom, U"ая") || Ends(sg.nom, U"яя"))) {
          sg.add = sg.add.substr(0, 1);
          sg.nom = Cut(sg.nom, 2) + sg.add;
        }
        // a woman's first name does not end in a consonant (her surname may, and then it does not decline)
        if (g == Gender::kFemale && r.guesses.empty() && sg.score >= 0 && !IsVowel(Back(sg.nom)) && Back(sg.nom) != U'ь')
          sg.score = -1;
        if (sg.score >= 0) {
          ++r.fits;
          r.score += sg.score;
        }
        r.guesses.push_back(std::move(sg));
      }
      if (r.guesses[0].score >= 0 && (r.fits > best.fits || (r.fits == best.fits && r.score > best.score)))
        best = std::move(r);
    }
  }
  if (best.fits == 0 || best.fits + 1 < words.size()) return std::nullopt;
  const U32 first_word = Decode(groups[words[0]].fold);
  // (a syllable of up to three letters is a first name: Ле Ань, Ли Цян; so is a word before a
  // particle: Абдулла бин Насер)
  const bool with_particle = end - words.front() > words.size();
  // A nominative first word in -а/-я/-е/-ы is more likely an oblique form; one
  // in -и, -о, -у is a foreign name that does not decline (Бинали, Сардаро).
  const char32_t last_letter = Back(first_word);
  const bool indeclinable_first = last_letter == U'и' || last_letter == U'о' || last_letter == U'у';
  if (best.gram_case == GramCase::kNom && IsVowel(last_letter) && first_word.size() > 3 && !with_particle &&
      !indeclinable_first)
    return std::nullopt;
  PersonMention m;
  m.start = groups[words.front()].start;
  m.end = groups[words.back()].end;
  m.gender = best.gender;
  m.gram_case = best.gram_case;
  m.guessed = true;
  size_t k = 0;
  for (size_t i = words.front(); i < end; ++i) {
    const Group& g = groups[i];
    std::string part;
    if (k < words.size() && words[k] == i) {
      const SurnameGuess& sg = best.guesses[k++];
      part = sg.score >= 0 ? Rebuild(g.Text(), g.all_upper, sg.strip, sg.add) : Encode(g.Text());
    } else {
      part = Encode(g.Text());  // a particle
    }
    if (i == words.front()) {
      m.first = part;
    } else {
      if (!m.surname.empty()) m.surname += " ";
      m.surname += part;
    }
  }
  m.name = m.first + " " + m.surname;
  return m;
}

}  // namespace oborot::lang
