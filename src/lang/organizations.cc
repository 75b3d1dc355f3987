#include "src/lang/organizations.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/lang/sectors.h"

namespace oborot::lang {
namespace {

using segment::Token;
using segment::TokenKind;
using Pattern = OrgRecognizer::Pattern;
using PatternKind = OrgRecognizer::PatternKind;

constexpr std::string_view kOrgsFile = "lexicons/organizations.tsv";
constexpr std::string_view kPatternsFile = "lexicons/org_patterns.tsv";
constexpr size_t kMaxQuotedTokens = 24;  // a quoted name longer than this is a quotation, not a name
constexpr size_t kMaxBareWords = 3;      // «ООО Ромашка Плюс»
constexpr size_t kContextWords = 4;      // words searched before a name for a country adjective

Status Corrupt(std::string_view file, size_t line, const std::string& what) {
  return Status(StatusCode::kCorrupt, std::string(file) + ":" + std::to_string(line) + ": " + what);
}

const std::string& Col(const data::TsvRow& row, size_t i) {
  static const std::string kEmpty;
  return i < row.cols.size() ? row.cols[i] : kEmpty;
}

bool HasFlag(std::string_view note, std::string_view flag) {
  size_t pos = 0;
  while (pos < note.size()) {
    size_t end = note.find_first_of(" ,;", pos);
    if (end == std::string_view::npos) end = note.size();
    if (note.substr(pos, end - pos) == flag) return true;
    pos = end + 1;
  }
  return false;
}

// Per word of a lexicon form: how many leading capitals the text must show
// (the word's length when the form writes it in capitals, else 0).
std::vector<uint8_t> UpperRuns(std::string_view form) {
  std::vector<uint8_t> runs;
  for (const auto& t : segment::Tokenize(form)) {
    if (t.kind == TokenKind::kPunct) continue;
    runs.push_back(t.all_upper ? static_cast<uint8_t>(std::min<size_t>(CodePointCount(t.fold), 255)) : 0);
  }
  return runs;
}

bool LeadingUpper(std::string_view word, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n; ++k) {
    if (i >= word.size()) return false;
    const char32_t cp = NextCodePoint(word, i);
    if (IsLetter(cp) && !IsUpper(cp)) return false;
  }
  return true;
}

// The words of tokens [first, end) written in capitals where the form has them.
bool MeetsCase(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t end,
               const std::vector<uint8_t>& upper) {
  size_t word = 0;
  for (size_t i = first; i < end; ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kPunct) continue;
    if (word < upper.size() && upper[word] > 0 && t.end <= text.size() &&
        !LeadingUpper(text.substr(t.start, t.end - t.start), upper[word])) {
      return false;
    }
    ++word;
  }
  return true;
}

// An all-capitals headline: a nearby word of four or more capitals that is not
// itself part of a known name. Abbreviations there may be ordinary words.
bool InCapitalsRun(const std::vector<Token>& tokens, size_t first, size_t end, const std::vector<bool>& covered) {
  auto loud = [&](size_t i) {
    const Token& t = tokens[i];
    return t.kind == TokenKind::kWord && t.all_upper && !covered[i] && CodePointCount(t.fold) >= 4;
  };
  size_t seen = 0;
  for (size_t i = first; i > 0 && seen < 2 && !tokens[i].newline_before; --i) {
    if (tokens[i - 1].kind != TokenKind::kWord) continue;
    if (loud(i - 1)) return true;
    ++seen;
  }
  seen = 0;
  for (size_t i = end; i < tokens.size() && seen < 2 && !tokens[i].newline_before; ++i) {
    if (tokens[i].kind != TokenKind::kWord) continue;
    if (loud(i)) return true;
    ++seen;
  }
  return false;
}

enum class QuoteRole { kNone, kOpen, kClose };

bool IsOpeningBracket(std::string_view f) { return f == "«" || f == "„" || f == "‹" || f == "(" || f == "["; }

// «, „ and ‹ always open and », ” and › always close; ", “ and ' open when
// glued to the next token and close when glued to the previous one.
QuoteRole RoleOf(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::kPunct) return QuoteRole::kNone;
  const std::string_view f = t.fold;
  if (f == "«" || f == "„" || f == "‹") return QuoteRole::kOpen;
  if (f == "»" || f == "”" || f == "›") return QuoteRole::kClose;
  if (f != "\"" && f != "“" && f != "'") return QuoteRole::kNone;
  const bool glued_prev = i > 0 && !t.space_before && !t.newline_before && !IsOpeningBracket(tokens[i - 1].fold);
  const bool glued_next = i + 1 < tokens.size() && !tokens[i + 1].space_before && !tokens[i + 1].newline_before;
  if (glued_prev) return QuoteRole::kClose;
  if (glued_next) return QuoteRole::kOpen;
  return QuoteRole::kNone;
}

// The token closing the quote opened at `open`, or 0 when none closes it on
// the same line within kMaxQuotedTokens. Nested quotes are counted.
size_t ClosingQuote(const std::vector<Token>& tokens, size_t open) {
  int depth = 1;
  for (size_t i = open + 1; i < tokens.size() && i <= open + kMaxQuotedTokens; ++i) {
    if (tokens[i].newline_before) return 0;
    const QuoteRole role = RoleOf(tokens, i);
    if (role == QuoteRole::kOpen) ++depth;
    if (role == QuoteRole::kClose && --depth == 0) return i;
  }
  return 0;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A Russian adjective form by its ending (folded): «оршанский», «брестского».
bool IsAdjectiveForm(std::string_view fold) {
  static constexpr std::string_view kEndings[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому",
                                                  "ему", "ым",  "им", "ую", "юю", "ые", "ие", "ых", "их", "ыми",
                                                  "ими", "ом",  "ем", "ей"};
  if (CodePointCount(fold) < 4) return false;
  for (std::string_view e : kEndings) {
    if (EndsWith(fold, e)) return true;
  }
  return false;
}

// «отопительного», «колесных»: a lower-case adjective in the genitive.
bool IsGenitiveAdjective(const Token& t) {
  if (t.kind != TokenKind::kWord || t.upper_initial || t.newline_before || CodePointCount(t.fold) < 5) return false;
  return EndsWith(t.fold, "ого") || EndsWith(t.fold, "его") || EndsWith(t.fold, "ых") || EndsWith(t.fold, "их");
}

bool IsLatinWord(const Token& t) {
  return t.kind == TokenKind::kWord && !t.fold.empty() && static_cast<unsigned char>(t.fold[0]) < 0x80;
}

bool SentenceStart(const std::vector<Token>& tokens, size_t i) {
  if (i == 0 || tokens[i].newline_before) return true;
  const std::string_view prev = tokens[i - 1].fold;
  return prev == "." || prev == "!" || prev == "?" || prev == "…";
}

bool Overlaps(const OrgMention& a, const OrgMention& b) { return a.start < b.end && b.start < a.end; }

Result<PatternKind> ParsePatternKind(std::string_view s) {
  if (s == "legal") return PatternKind::kLegal;
  if (s == "org") return PatternKind::kOrg;
  if (s == "plant") return PatternKind::kPlant;
  if (s == "body") return PatternKind::kBody;
  if (s == "other") return PatternKind::kOther;
  if (s == "adj_country") return PatternKind::kAdjCountry;
  if (s == "adj_place") return PatternKind::kAdjPlace;
  return Status(StatusCode::kCorrupt, "unknown pattern kind");
}

// Per-text view of the pattern words: the accepted match starting at each token.
struct PatternHits {
  struct Hit {
    uint32_t first, end;
    const Pattern* pattern;
  };
  std::vector<Hit> hits;
  std::vector<int32_t> at;  // token -> index into hits, -1 when none starts there

  const Pattern* PatternAt(size_t i) const { return i < at.size() && at[i] >= 0 ? hits[at[i]].pattern : nullptr; }
  bool IsAdjective(size_t i) const {
    const Pattern* p = PatternAt(i);
    return p && (p->kind == PatternKind::kAdjCountry || p->kind == PatternKind::kAdjPlace);
  }
};

// The country of an adjective at token i, "" when none or when it is half of
// a compound («белорусско-российское»: a joint venture has two countries).
std::string AdjectiveCountry(const std::vector<Token>& tokens, const PatternHits& hits, size_t i) {
  if (!hits.IsAdjective(i)) return {};
  if (i + 1 < tokens.size() && tokens[i + 1].fold == "-" && !tokens[i + 1].space_before) return {};
  if (i > 0 && tokens[i - 1].fold == "-" && !tokens[i].space_before) return {};
  return hits.PatternAt(i)->country;
}

// A country adjective among the few words before token `before`, within the clause.
std::string ContextCountry(const std::vector<Token>& tokens, const PatternHits& hits, size_t before) {
  size_t words = 0;
  for (size_t i = before; i > 0 && words < kContextWords; --i) {
    const Token& t = tokens[i - 1];
    if (t.kind == TokenKind::kPunct) {
      if (t.fold == "-" || RoleOf(tokens, i - 1) != QuoteRole::kNone) continue;
      break;
    }
    std::string country = AdjectiveCountry(tokens, hits, i - 1);
    if (!country.empty()) return country;
    ++words;
    if (tokens[i - 1].newline_before) break;
  }
  return {};
}

// The nominative of an adjective form agreeing with a head of the given
// gender: «калужском» -> «калужский», «швейной» -> «швейная».
enum class Gender { kMasculine, kFeminine, kNeuter };

std::string NominativeAdjective(std::string_view fold, Gender gender) {
  static constexpr std::string_view kSoft[] = {"ими", "его", "ему", "ий", "им", "ем", "ее", "яя", "юю", "ие", "их"};
  static constexpr std::string_view kHard[] = {"ыми", "ого", "ому", "ый", "ой", "ая", "ую", "ым", "ом", "ое",
                                               "ые", "ых", "ей"};
  std::string_view stem;
  bool soft = false;
  for (std::string_view e : kSoft) {
    if (EndsWith(fold, e)) {
      stem = fold.substr(0, fold.size() - e.size());
      soft = true;
      break;
    }
  }
  if (!soft) {
    for (std::string_view e : kHard) {
      if (EndsWith(fold, e)) {
        stem = fold.substr(0, fold.size() - e.size());
        break;
      }
    }
  }
  if (stem.empty()) return std::string(fold);
  // After к, г, х and the hushing consonants Russian spells и, not ы.
  static constexpr std::string_view kVelar[] = {"к", "г", "х", "ж", "ш", "щ", "ч"};
  bool velar = false;
  for (std::string_view v : kVelar) velar |= EndsWith(stem, v);
  std::string out(stem);
  switch (gender) {
    case Gender::kMasculine:
      out += (soft || velar) ? "ий" : "ый";
      break;
    case Gender::kFeminine:
      out += soft && !velar ? "яя" : "ая";
      break;
    case Gender::kNeuter:
      out += soft && !velar ? "ее" : "ое";
      break;
  }
  return out;
}

Gender GenderOf(std::string_view noun) {
  if (EndsWith(noun, "а") || EndsWith(noun, "я")) return Gender::kFeminine;
  if (EndsWith(noun, "е") || EndsWith(noun, "о")) return Gender::kNeuter;
  return Gender::kMasculine;
}

// «на Калужском турбинном заводе» -> «Калужский турбинный завод»: the
// adjectives put in the nominative, the plant word taken from the lexicon.
// A phrase whose plant word is already in the lexicon's form stays as written.
std::string NominativeName(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t head_first,
                           size_t head_end, const Pattern& head) {
  bool nominative = true;
  size_t w = 0;
  for (size_t i = head_first; i < head_end; ++i) {
    if (tokens[i].kind == TokenKind::kPunct) continue;
    nominative &= w < head.words.size() && tokens[i].fold == head.words[w];
    ++w;
  }
  if (nominative || head.words.empty()) {
    return std::string(text.substr(tokens[first].start, tokens[head_end - 1].end - tokens[first].start));
  }
  const Gender gender = GenderOf(head.words.back());
  std::string out;
  for (size_t i = first; i < head_first; ++i) {
    const Token& t = tokens[i];
    if (t.space_before && !out.empty()) out += ' ';
    if (t.kind == TokenKind::kPunct) {
      out += t.fold;
    } else if (i == first) {
      // keep the capital as written, then the nominative ending
      size_t k = t.start;
      NextCodePoint(text, k);
      const std::string nom = NominativeAdjective(t.fold, gender);
      size_t skip = 0;
      NextCodePoint(nom, skip);
      out += text.substr(t.start, k - t.start);
      out += nom.substr(skip);
    } else {
      out += IsAdjectiveForm(t.fold) ? NominativeAdjective(t.fold, gender) : t.fold;
    }
  }
  for (const auto& word : head.words) {
    out += ' ';
    out += word;
  }
  return out;
}

OrgKind KindOfPattern(PatternKind kind) {
  if (kind == PatternKind::kBody) return OrgKind::kBody;
  if (kind == PatternKind::kOther) return OrgKind::kOther;
  return OrgKind::kEnterprise;
}

}  // namespace

std::string_view OrgKindName(OrgKind kind) {
  switch (kind) {
    case OrgKind::kEnterprise:
      return "enterprise";
    case OrgKind::kBody:
      return "body";
    case OrgKind::kOther:
      return "other";
  }
  return "enterprise";
}

Result<std::shared_ptr<const OrgRecognizer>> OrgRecognizer::Load() {
  auto sectors = SectorTable();
  if (!sectors.ok()) return sectors.status();
  std::shared_ptr<OrgRecognizer> rec(new OrgRecognizer());

  auto org_text = data::Read(kOrgsFile);
  if (!org_text.ok()) return org_text.status();
  auto org_rows = data::ParseTsv(kOrgsFile, *org_text, 2);
  if (!org_rows.ok()) return org_rows.status();
  std::unordered_map<std::string, uint32_t> by_name;
  for (const auto& row : *org_rows) {
    const std::string& form = row.cols[0];
    const std::string& name = row.cols[1];
    const std::string& sector = Col(row, 3);
    const std::string& kind_name = Col(row, 4);
    if (name.empty()) return Corrupt(kOrgsFile, row.line, "empty name");
    if (!sector.empty() && !IsSectorId(sector)) return Corrupt(kOrgsFile, row.line, "unknown sector id '" + sector + "'");
    OrgKind kind = OrgKind::kEnterprise;
    if (kind_name == "body") {
      kind = OrgKind::kBody;
    } else if (kind_name == "other") {
      kind = OrgKind::kOther;
    } else if (!kind_name.empty() && kind_name != "enterprise") {
      return Corrupt(kOrgsFile, row.line, "unknown kind '" + kind_name + "'");
    }
    auto [it, inserted] = by_name.emplace(name, static_cast<uint32_t>(rec->orgs_.size()));
    if (inserted) rec->orgs_.push_back({name, Col(row, 2), sector, kind});
    Form f{it->second, UpperRuns(form), false};
    if (f.upper.empty()) continue;
    f.short_caps = std::all_of(f.upper.begin(), f.upper.end(), [](uint8_t n) { return n >= 2 && n <= 4; });
    uint32_t flags = PhraseMatcher::kNone;
    if (StartsUpper(form)) flags |= PhraseMatcher::kCapitalized;
    if (HasFlag(Col(row, 5), "exact")) flags |= PhraseMatcher::kExactForm;
    AddLexiconForm(&rec->org_matcher_, form, static_cast<uint32_t>(rec->forms_.size()), flags);
    rec->forms_.push_back(std::move(f));
  }
  rec->org_matcher_.Build();

  auto pat_text = data::Read(kPatternsFile);
  if (!pat_text.ok()) return pat_text.status();
  auto pat_rows = data::ParseTsv(kPatternsFile, *pat_text, 2);
  if (!pat_rows.ok()) return pat_rows.status();
  for (const auto& row : *pat_rows) {
    auto kind = ParsePatternKind(row.cols[1]);
    if (!kind.ok()) return Corrupt(kPatternsFile, row.line, "unknown kind '" + row.cols[1] + "'");
    const std::string& sector = Col(row, 3);
    if (!sector.empty() && !IsSectorId(sector)) {
      return Corrupt(kPatternsFile, row.line, "unknown sector id '" + sector + "'");
    }
    Pattern p{*kind, Col(row, 2), sector, UpperRuns(row.cols[0]), {}};
    for (const auto& t : segment::Tokenize(row.cols[0])) {
      if (t.kind != TokenKind::kPunct) p.words.emplace_back(t.fold);
    }
    if (p.upper.empty()) continue;
    const uint32_t flags = StartsUpper(row.cols[0]) ? PhraseMatcher::kCapitalized : PhraseMatcher::kNone;
    AddLexiconForm(&rec->pattern_matcher_, row.cols[0], static_cast<uint32_t>(rec->patterns_.size()), flags);
    rec->patterns_.push_back(std::move(p));
  }
  rec->pattern_matcher_.Build();
  return std::shared_ptr<const OrgRecognizer>(std::move(rec));
}

void OrgRecognizer::FindKnown(std::string_view text, const std::vector<Token>& tokens,
                              const TokenStems& stems, std::vector<OrgMention>* out) const {
  const auto matches = org_matcher_.FindAll(tokens, stems);
  std::vector<bool> covered(tokens.size(), false);
  for (const auto& m : matches) std::fill(covered.begin() + m.first_token, covered.begin() + m.end_token, true);
  for (size_t k = 0; k < matches.size();) {
    // One span may carry several payloads (consecutive): the first that passes the case rules wins.
    size_t group_end = k + 1;
    while (group_end < matches.size() && matches[group_end].first_token == matches[k].first_token) ++group_end;
    for (size_t g = k; g < group_end; ++g) {
      const auto& m = matches[g];
      const Form& form = forms_[m.payload];
      if (!MeetsCase(text, tokens, m.first_token, m.end_token, form.upper)) continue;
      if (form.short_caps && InCapitalsRun(tokens, m.first_token, m.end_token, covered)) continue;
      // «холдинг «Амкодор»» matched a form with its organisation word: the name starts after the quote.
      uint32_t start = tokens[m.first_token].start;
      for (size_t i = m.first_token; i + 1 < m.end_token; ++i) {
        if (RoleOf(tokens, i) == QuoteRole::kOpen) {
          start = tokens[i + 1].start;
          break;
        }
      }
      const Org& org = orgs_[form.org];
      out->push_back({start, tokens[m.end_token - 1].end, org.name, org.country, org.sector, true, org.kind});
      break;
    }
    k = group_end;
  }
}

void OrgRecognizer::FindPatterns(std::string_view text, const std::vector<Token>& tokens,
                                 const TokenStems& stems, std::vector<OrgMention>* out) const {
  PatternHits hits;
  hits.at.assign(tokens.size(), -1);
  for (const auto& m : pattern_matcher_.FindAll(tokens, stems)) {
    if (hits.at[m.first_token] >= 0) continue;  // an earlier payload of the same span passed
    const Pattern& p = patterns_[m.payload];
    if (!MeetsCase(text, tokens, m.first_token, m.end_token, p.upper)) continue;
    hits.at[m.first_token] = static_cast<int32_t>(hits.hits.size());
    hits.hits.push_back({m.first_token, m.end_token, &p});
  }
  // `head_kind` and `sector`: of the organisation word that names the kind.
  auto emit = [&](size_t first, size_t end, std::string country, PatternKind head_kind, const std::string& sector) {
    const uint32_t start = tokens[first].start;
    const uint32_t stop = tokens[end - 1].end;
    OrgKind kind = KindOfPattern(head_kind);
    out->push_back({start, stop, std::string(text.substr(start, stop - start)), std::move(country),
                    kind == OrgKind::kOther ? std::string() : sector, false, kind});
  };

  for (const auto& hit : hits.hits) {
    const Pattern& p = *hit.pattern;
    if (p.kind == PatternKind::kAdjCountry || p.kind == PatternKind::kAdjPlace) continue;
    // Organisation words may chain: «предприятие ООО "…"», «холдинг ОАО "…"».
    size_t j = hit.end;
    const Pattern* head = &p;
    std::string sector = p.sector;
    for (int hops = 0; hops < 2 && j < tokens.size(); ++hops) {
      const Pattern* next = hits.PatternAt(j);
      if (!next || (next->kind != PatternKind::kLegal && next->kind != PatternKind::kOrg &&
                    next->kind != PatternKind::kPlant)) {
        break;
      }
      if (head->kind == PatternKind::kOther) break;  // «проект ОАО …» is about the enterprise after it
      head = next;
      if (sector.empty()) sector = next->sector;
      j = hits.hits[hits.at[j]].end;
    }
    if (j >= tokens.size()) continue;
    const Token& t = tokens[j];
    size_t name_first = 0;
    size_t name_end = 0;
    if (RoleOf(tokens, j) == QuoteRole::kOpen) {
      const size_t close = ClosingQuote(tokens, j);
      if (close <= j + 1) continue;
      const Token& first = tokens[j + 1];
      if (!(first.kind == TokenKind::kNumber || (first.kind == TokenKind::kWord && first.upper_initial))) continue;
      name_first = j + 1;
      name_end = close;
    } else if (t.newline_before || t.kind != TokenKind::kWord || !t.upper_initial || hits.PatternAt(j)) {
      continue;
    } else if (IsLatinWord(t) && head->kind != PatternKind::kBody && head->kind != PatternKind::kOther) {
      // «концерн Volkswagen», «компания Great Wall Motor»
      size_t e = j + 1;
      while (e < tokens.size() && e - j < 4 && !tokens[e].newline_before &&
             (IsLatinWord(tokens[e]) || (tokens[e].kind == TokenKind::kNumber && !tokens[e].space_before))) {
        ++e;
      }
      name_first = j;
      name_end = e;
    } else if (head->kind == PatternKind::kLegal) {
      // «ООО Ромашка», «ОАО Гомель-Стекло»
      size_t e = j + 1;
      size_t words = 1;
      while (e < tokens.size() && words < kMaxBareWords && !tokens[e].newline_before) {
        const Token& n = tokens[e];
        if (n.kind == TokenKind::kWord && n.upper_initial && n.space_before && !hits.PatternAt(e)) {
          ++e;
          ++words;
        } else if (n.fold == "-" && !n.space_before && e + 1 < tokens.size() &&
                   tokens[e + 1].kind == TokenKind::kWord && !tokens[e + 1].space_before) {
          e += 2;
        } else {
          break;
        }
      }
      name_first = j;
      name_end = e;
    } else {
      continue;
    }
    std::string country = AdjectiveCountry(tokens, hits, name_first);
    if (country.empty()) country = ContextCountry(tokens, hits, hit.first);
    emit(name_first, name_end, std::move(country), head->kind, sector);
  }

  // «Оршанский льнокомбинат», «Брестский электромеханический завод»: a
  // capitalised adjective, up to three lower-case ones, a plant word.
  for (const auto& hit : hits.hits) {
    const Pattern& p = *hit.pattern;
    if (p.kind != PatternKind::kPlant && p.kind != PatternKind::kBody) continue;
    if (hit.end < tokens.size() && RoleOf(tokens, hit.end) == QuoteRole::kOpen) continue;  // the quote names it
    size_t i = hit.first;
    size_t lower = 0;
    while (i > 0) {
      const Token& prev = tokens[i - 1];
      if (prev.kind == TokenKind::kWord && !prev.upper_initial && lower < 3 && IsAdjectiveForm(prev.fold) &&
          !tokens[i].newline_before) {
        --i;
        ++lower;
      } else if (prev.fold == "-" && !prev.space_before && !tokens[i].space_before && i >= 2 &&
                 tokens[i - 2].kind == TokenKind::kWord) {
        --i;  // «электро-механический»: the word before the hyphen is examined next
      } else {
        break;
      }
    }
    if (i == 0 || tokens[i].newline_before) continue;
    const size_t cap = i - 1;
    const Token& c = tokens[cap];
    if (c.kind != TokenKind::kWord || !c.upper_initial || c.all_upper || !IsAdjectiveForm(c.fold)) continue;
    const Pattern* cap_pattern = hits.PatternAt(cap);
    if (cap_pattern && !hits.IsAdjective(cap)) continue;
    const bool place = cap_pattern && cap_pattern->kind == PatternKind::kAdjPlace;
    if (p.kind == PatternKind::kBody && !place) continue;
    if (SentenceStart(tokens, cap) && !place) continue;  // «Новый завод…», «Белорусский завод…» open a sentence
    // A genitive tail names the product: «Минский завод отопительного оборудования».
    size_t tail_end = hit.end;
    size_t e = hit.end;
    while (e < tokens.size() && IsGenitiveAdjective(tokens[e])) ++e;
    if (e > hit.end && e < tokens.size() && tokens[e].kind == TokenKind::kWord && !tokens[e].upper_initial &&
        !tokens[e].newline_before) {
      tail_end = e + 1;
    }
    std::string country = AdjectiveCountry(tokens, hits, cap);
    if (country.empty()) country = ContextCountry(tokens, hits, cap);
    emit(cap, tail_end, std::move(country), p.kind, p.sector);
    std::string name = NominativeName(text, tokens, cap, hit.first, hit.end, p);
    if (tail_end > hit.end) {
      name += ' ';
      name += text.substr(tokens[hit.end].start, tokens[tail_end - 1].end - tokens[hit.end].start);
    }
    out->back().name = std::move(name);
  }
}

std::vector<OrgMention> OrgRecognizer::Find(std::string_view text, const std::vector<Token>& tokens,
                                            const TokenStems& stems, bool include_other) const {
  std::vector<OrgMention> known;
  FindKnown(text, tokens, stems, &known);
  std::vector<OrgMention> found;
  FindPatterns(text, tokens, stems, &found);

  // A titled thing («кинотеатр «Беларусь»») hides the known names inside it;
  // then known names win over pattern names; then the first pattern name.
  // Which bytes the names taken so far cover: whether a name overlaps one
  // of them is then a look at its own bytes (comparing it with every name
  // taken was quadratic in a text of many names: 16 s for 8 MB).
  std::vector<bool> covered(text.size(), false);
  std::vector<OrgMention> out;
  auto take = [&](OrgMention m) {
    for (uint32_t b = m.start; b < m.end && b < covered.size(); ++b) covered[b] = true;
    out.push_back(std::move(m));
  };
  auto overlaps_taken = [&](const OrgMention& m) {
    if (m.start >= m.end) {  // empty: Overlaps' meaning, strictly inside a name
      return std::any_of(out.begin(), out.end(), [&](const OrgMention& o) { return Overlaps(o, m); });
    }
    for (uint32_t b = m.start; b < m.end && b < covered.size(); ++b) {
      if (covered[b]) return true;
    }
    return false;
  };
  for (const auto& m : found) {
    if (m.kind == OrgKind::kOther) take(m);
  }
  for (auto& m : known) {
    if (!overlaps_taken(m)) take(std::move(m));
  }
  for (auto& m : found) {
    if (m.kind == OrgKind::kOther) continue;
    if (!overlaps_taken(m)) take(std::move(m));
  }
  if (!include_other) {
    out.erase(std::remove_if(out.begin(), out.end(), [](const OrgMention& m) { return m.kind == OrgKind::kOther; }),
              out.end());
  }
  std::sort(out.begin(), out.end(), [](const OrgMention& a, const OrgMention& b) { return a.start < b.start; });
  return out;
}

std::vector<OrgMention> OrgRecognizer::Find(std::string_view text, bool include_other) const {
  const auto tokens = segment::Tokenize(text);
  return Find(text, tokens, StemTokens(tokens), include_other);
}

}  // namespace oborot::lang
