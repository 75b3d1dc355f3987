#include "src/facts/annotate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/expr/expressions.h"
#include "src/lang/stemmer.h"

namespace oborot::facts {

Cue CueFromName(std::string_view s) {
  static const std::map<std::string_view, Cue> kNames = {
      {"trade", Cue::kTrade},           {"trade_verb", Cue::kTradeVerb}, {"not_trade", Cue::kNotTrade},
      {"project", Cue::kProject},
      {"target", Cue::kTarget},         {"actual", Cue::kActual},        {"target_noun", Cue::kTargetNoun},
      {"actual_time", Cue::kActualTime},        {"future_verb", Cue::kFutureVerb},
      {"speech", Cue::kSpeech},         {"meeting", Cue::kMeeting},      {"future_meeting", Cue::kFutureMeeting},
      {"anaphor", Cue::kAnaphor},       {"share", Cue::kShare},          {"delegation", Cue::kDelegation},
      {"visit", Cue::kVisit},           {"both_sides", Cue::kBothSides},  {"doubling", Cue::kDoubling},
      {"tripling", Cue::kTripling},
      {"conj", Cue::kConj},             {"and", Cue::kAnd},              {"relative", Cue::kRelative},
      {"gerund", Cue::kGerund},         {"pronoun", Cue::kPronoun},      {"this", Cue::kThis},
      {"base", Cue::kBase},             {"aux_past", Cue::kAuxPast},     {"past_governor", Cue::kPastGovernor},
      {"partitive", Cue::kPartitive},   {"pair_countries", Cue::kPairCountries},
      {"pair_regions", Cue::kPairRegions}, {"total_trade", Cue::kTotalTrade}, {"group_partner", Cue::kGroupPartner}, {"delivery", Cue::kDelivery},
      {"planned", Cue::kPlanned},       {"adverb", Cue::kAdverb},        {"neutral", Cue::kNeutral},
      {"locative", Cue::kLocative},     {"exceed", Cue::kExceed},        {"share_word", Cue::kShareWord},
      {"comparative", Cue::kComparative}, {"by_amount", Cue::kByAmount}, {"with", Cue::kWith},
      {"negation", Cue::kNegation},     {"first_person", Cue::kFirstPerson},
      {"these_regions", Cue::kTheseRegions}, {"purpose", Cue::kPurpose},     {"than", Cue::kThan},
      {"time_word", Cue::kTimeWord}, {"year_before", Cue::kYearBefore},    {"remaining", Cue::kRemaining},  {"aggregate", Cue::kAggregate},
      {"oblast_noun", Cue::kOblastNoun}, {"this_country", Cue::kThisCountry}, {"city_noun", Cue::kCityNoun}, {"event_noun", Cue::kEventNoun}, {"level_noun", Cue::kLevelNoun}, {"of_whole", Cue::kOfWhole}, {"forecast", Cue::kForecast},
      {"partner_noun", Cue::kPartnerNoun}, {"participation", Cue::kParticipation}, {"other_set", Cue::kOtherSet},
      {"company_noun", Cue::kCompanyNoun}};
  auto it = kNames.find(s);
  return it == kNames.end() ? Cue::kNone : it->second;
}

namespace {

template <typename M>
void Bucket(const std::vector<M>& mentions, const std::vector<Sentence>& sentences,
            std::vector<SentenceMentions>& out, std::vector<size_t> SentenceMentions::*field, size_t cap,
            size_t& dropped) {
  size_t s = 0;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const uint32_t at = mentions[i].start;
    while (s < sentences.size() && sentences[s].end <= at) ++s;
    if (s == sentences.size()) break;
    if (at < sentences[s].start) continue;
    if ((out[s].*field).size() >= cap) {
      ++dropped;
      continue;
    }
    (out[s].*field).push_back(i);
  }
}

// The cases a name in apposition to a mention of case `c` can take: the
// genitive and accusative of a man's name look the same, a woman's differ.
lang::CaseMask ApposedCases(lang::GramCase c) {
  using lang::CaseBit;
  using lang::GramCase;
  if (c == GramCase::kGen || c == GramCase::kAcc) return CaseBit(GramCase::kGen) | CaseBit(GramCase::kAcc);
  return c == GramCase::kUnknown ? lang::kAllCases : CaseBit(c);
}

// A foreign name of three or more words whose first words the first-name list knows
// («Карлосом Луисом Хорхе Мендесом», «Сахбан Фейсал Махджуб»): the finder reads a first name and
// the word after it as first name and surname, so the rest is lost or a second person. When the
// capitalised words around such a mention (up to two before it, inside the sentence, and those after
// it) read as one name (NameFinder::GuessNameAt), that name replaces the
// mentions it covers. `mark` as in AddNamesInPlace (0 free, 1 party or organisation, 2 person, 3 role);
// the widened name's tokens are marked 2. Linear: one guess (at most 12 tokens) per mention.
void WidenForeignNames(const lang::NameFinder& names, const Document& doc, Annotations& a, std::vector<uint8_t>& mark) {
  const auto& toks = a.tokens;
  auto token_at = [&](uint32_t byte) {
    return static_cast<size_t>(std::lower_bound(toks.begin(), toks.end(), byte,
                                                [](const segment::Token& t, uint32_t b) { return t.start < b; }) -
                               toks.begin());
  };
  auto name_word = [&](size_t t, bool person_ok) {
    return t < toks.size() && toks[t].kind == segment::TokenKind::kWord && toks[t].upper_initial && !toks[t].all_upper &&
           (mark[t] == 0 || (person_ok && mark[t] == 2));
  };
  std::vector<uint8_t> drop(a.persons.size(), 0);
  std::vector<lang::PersonMention> widened;
  for (size_t i = 0; i < a.persons.size(); ++i) {
    const auto& p = a.persons[i];
    // (a known official's name is complete as the lexicon gives it)
    if (drop[i] || p.surname_only || p.guessed || !p.patronymic.empty() || !p.official_name.empty()) continue;
    const size_t first = token_at(p.start), last = token_at(p.end);
    auto sent = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), p.start,
                                 [](uint32_t b, const Sentence& st) { return b < st.end; });
    const uint32_t sent_start = sent == doc.sentences.end() ? 0 : sent->start;
    size_t s = first;
    while (s > 0 && first - s < 2 && name_word(s - 1, false) && toks[s - 1].start > sent_start) --s;
    if (s == first && !name_word(last, true)) continue;
    // in the mention's case, else in any (an indeclinable first name, «Лауреано», tells none)
    auto g = names.GuessNameAt(doc.text, toks, s, ApposedCases(p.gram_case));
    if (!g) g = names.GuessNameAt(doc.text, toks, s, lang::kAllCases);
    if (!g || g->start > p.start || g->end < p.end || (g->start == p.start && g->end == p.end)) continue;
    // every person it touches lies inside it, and it takes no party, organisation or role
    // and it stays on one line (a headline's last name is no part of the next line's first word)
    bool fits = true;
    for (size_t k = token_at(g->start), e = token_at(g->end); k < e && fits; ++k) {
      fits = (mark[k] == 0 || mark[k] == 2) && (k == token_at(g->start) || !toks[k].newline_before);
    }
    std::vector<size_t> inside;
    for (size_t j = 0; j < a.persons.size() && fits; ++j) {
      const auto& q = a.persons[j];
      if (q.end <= g->start || q.start >= g->end) continue;
      fits = q.start >= g->start && q.end <= g->end && !drop[j];
      inside.push_back(j);
    }
    if (!fits) continue;
    // the words the finder read keep its reading (the list's first name, «Бахтовар», not the
    // guess's «Бахтоваром»); the guess gives the words before and after them
    auto words_in = [&](uint32_t from, uint32_t to) {
      size_t n = 0;
      bool in_word = false;
      for (uint32_t b = from; b < to; ++b) {
        const bool space = doc.text[b] == ' ' || doc.text[b] == '\n' || doc.text[b] == '\t';
        n += !space && !in_word;
        in_word = !space;
      }
      return n;
    };
    const size_t before = words_in(g->start, p.start), after = words_in(p.end, g->end);
    std::vector<std::string_view> parts;
    for (size_t b = 0, e; b < g->name.size(); b = e + 1) {
      e = std::min(g->name.find(' ', b), g->name.size());
      parts.emplace_back(std::string_view(g->name).substr(b, e - b));
    }
    if (parts.size() < before + after) continue;
    std::string name;
    for (size_t k = 0; k < before; ++k) name.append(parts[k]).append(" ");
    name += p.name;
    for (size_t k = parts.size() - after; k < parts.size(); ++k) name.append(" ").append(parts[k]);
    const size_t space = name.find(' ');
    g->name = name;
    g->first = name.substr(0, space);
    g->surname = name.substr(space + 1);
    g->gender = p.gender;
    for (size_t j : inside) drop[j] = 1;
    for (size_t k = token_at(g->start), e = token_at(g->end); k < e; ++k) mark[k] = 2;
    widened.push_back(std::move(*g));
  }
  if (widened.empty()) return;
  size_t out = 0;
  for (size_t i = 0; i < a.persons.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) a.persons[out] = std::move(a.persons[i]);
    ++out;
  }
  a.persons.resize(out);
  for (auto& m : widened) a.persons.push_back(std::move(m));
  std::stable_sort(a.persons.begin(), a.persons.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
}

// Names the lexicons do not know, read from their place: after a role and
// its complement («со спикером Национальной ассамблеи Пакистана Сардаром
// Аязом Садиком», «председателя кабмина КР Адылбека Касымалиева»), and after
// a known person and «и» («Александр Лукашенко и Масуд Пезешкиан»). The
// complement is lower-case words, parties, organisations, words in
// capitals and brackets; the name starts at a capitalised word that does not
// continue another capitalised word. Cost: at most kWindow tokens per role
// and one guess per candidate start.
void AddNamesInPlace(const lang::NameFinder& names, const Document& doc, Annotations& a) {
  constexpr size_t kWindow = 14;
  const auto& toks = a.tokens;
  if (a.roles.empty() && a.persons.empty()) return;
  // per token: 1 inside a party or organisation, 2 inside a person, 3 inside a role
  std::vector<uint8_t> mark(toks.size(), 0);
  auto paint = [&](uint32_t start, uint32_t end, uint8_t v) {
    auto it = std::lower_bound(toks.begin(), toks.end(), start,
                               [](const segment::Token& t, uint32_t b) { return t.start < b; });
    for (; it != toks.end() && it->start < end; ++it) mark[static_cast<size_t>(it - toks.begin())] = v;
  };
  for (const auto& m : a.parties) paint(m.start, m.end, 1);
  for (const auto& m : a.orgs) paint(m.start, m.end, 1);
  for (const auto& m : a.persons) paint(m.start, m.end, 2);
  for (const auto& m : a.roles) paint(m.start, m.end, 3);
  auto token_at = [&](uint32_t byte) {
    return static_cast<size_t>(std::lower_bound(toks.begin(), toks.end(), byte,
                                                [](const segment::Token& t, uint32_t b) { return t.start < b; }) -
                               toks.begin());
  };
  auto sentence_end = [&](uint32_t at) {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), at,
                               [](uint32_t b, const Sentence& st) { return b < st.end; });
    return it == doc.sentences.end() ? static_cast<uint32_t>(doc.text.size()) : it->end;
  };
  auto free_word = [&](size_t t) { return toks[t].kind == segment::TokenKind::kWord && mark[t] == 0; };
  WidenForeignNames(names, doc, a, mark);
  std::vector<lang::PersonMention> found;
  // A name at t, and the names coordinated with it by «и».
  auto take = [&](size_t t, lang::CaseMask cases, uint32_t limit) {
    while (t < toks.size() && toks[t].start < limit) {
      auto m = names.GuessNameAt(doc.text, toks, t, cases);
      if (!m || m->end > limit) return;
      const size_t first = token_at(m->start), last = token_at(m->end);
      for (size_t k = first; k < last; ++k) {
        if (mark[k] != 0) return;
      }
      for (size_t k = first; k < last; ++k) mark[k] = 2;
      found.push_back(std::move(*m));
      if (last + 1 >= toks.size() || toks[last].fold != "и" || !toks[last + 1].upper_initial) return;
      t = last + 1;
    }
  };
  for (const auto& r : a.roles) {
    const uint32_t limit = sentence_end(r.start);
    const size_t t0 = token_at(r.end);
    size_t failed_single = SIZE_MAX - 1;  // a first capitalised word the guess failed at
    for (size_t t = t0; t < toks.size() && t < t0 + kWindow && toks[t].start < limit; ++t) {
      const auto& tok = toks[t];
      if (mark[t] >= 2) break;  // the role's person is known, or another role begins
      if (tok.kind == segment::TokenKind::kPunct) {
        if (tok.fold == "(" || tok.fold == ")") continue;
        break;
      }
      if (!free_word(t) || !tok.upper_initial || tok.all_upper) continue;
      // a capitalised word right after another free one continues a name
      // already tried, unless that one was a single word that failed right
      // after the role's complement (a place in the genitive: «мэром
      // Шанхая Гун Чжэном»)
      const bool after_failed_place = t == failed_single + 1;
      if (t > t0 && free_word(t - 1) && toks[t - 1].upper_initial && !toks[t - 1].all_upper && !after_failed_place)
        continue;
      const size_t before = found.size();
      take(t, ApposedCases(r.gram_case), limit);
      if (found.size() > before) break;
      if (!after_failed_place && (t == t0 || mark[t - 1] != 0 || !free_word(t - 1))) failed_single = t;
    }
  }
  for (size_t i = 0, n = a.persons.size(); i < n; ++i) {
    const auto& p = a.persons[i];
    const size_t t = token_at(p.end);
    if (t + 1 < toks.size() && toks[t].fold == "и" && free_word(t + 1) && toks[t + 1].upper_initial) {
      take(t + 1, ApposedCases(p.gram_case), sentence_end(p.start));
    }
  }
  if (found.empty()) return;
  for (auto& m : found) a.persons.push_back(std::move(m));
  std::stable_sort(a.persons.begin(), a.persons.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
}

// Keeps the first `cap` elements of v.
template <typename V>
void Cap(V& v, size_t cap, size_t& dropped) {
  if (v.size() <= cap) return;
  dropped += v.size() - cap;
  v.resize(cap);
}

}  // namespace

bool Lexicons::HasWordClass(std::string_view fold, Cue cue) const {
  auto it = std::lower_bound(word_classes_.begin(), word_classes_.end(), fold,
                             [](const auto& e, std::string_view w) { return e.first < w; });
  for (; it != word_classes_.end() && it->first == fold; ++it) {
    if (it->second == cue) return true;
  }
  return false;
}

std::string_view Lexicons::CapitalOf(std::string_view code) const {
  for (const auto& [city, country] : capitals_) {
    if (city == code) return country;
  }
  return {};
}

bool Lexicons::IsMeasureUnit(std::string_view unit) const {
  return std::binary_search(measure_units_.begin(), measure_units_.end(), unit);
}

class LexiconsLoader {
 public:
  static void AddMeasureUnit(Lexicons& lex, std::string unit) { lex.measure_units_.push_back(std::move(unit)); }
  static void AddCapital(Lexicons& lex, std::string city, std::string country) {
    lex.capitals_.emplace_back(std::move(city), std::move(country));
  }
  static void AddWordClass(Lexicons& lex, std::string_view fold, Cue cue) { lex.word_classes_.emplace_back(fold, cue); }
  static void Sort(Lexicons& lex) {
    std::sort(lex.word_classes_.begin(), lex.word_classes_.end());
    std::sort(lex.measure_units_.begin(), lex.measure_units_.end());
  }
};

Result<std::shared_ptr<const Lexicons>> Lexicons::Load() {
  auto lex = std::make_shared<Lexicons>();
  auto gaz = lang::Gazetteer::Load();
  if (!gaz.ok()) return gaz.status();
  lex->gazetteer = *gaz;
  auto names = lang::NameFinder::Load();
  if (!names.ok()) return names.status();
  lex->names = *names;
  auto roles = lang::RoleFinder::Load();
  if (!roles.ok()) return roles.status();
  lex->roles = *roles;
  auto orgs = lang::OrgRecognizer::Load();
  if (!orgs.ok()) return orgs.status();
  lex->orgs = *orgs;
  auto sectors = lang::SectorTagger::Load();
  if (!sectors.ok()) return sectors.status();
  lex->sectors = *sectors;

  // note: "exact" (match the folded form, not the stem) or "by:WHO" (who forecasts, for a forecast cue)
  auto add = [&](std::string_view form, Cue cue, std::string_view note) {
    lex->cues.Add(form, static_cast<uint32_t>(lex->cue_kinds.size()),
                  note == "exact" ? lang::PhraseMatcher::kExactForm : lang::PhraseMatcher::kNone);
    lex->cue_kinds.emplace_back(cue, FoldCase(form));
    lex->cue_by.emplace_back(note.rfind("by:", 0) == 0 ? note.substr(3) : std::string_view());
  };
  for (const char* file : {"lexicons/fact_cues.tsv", "lexicons/clause_words.tsv"}) {
    auto rows = data::ReadTsv(file, 2);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      const Cue cue = CueFromName(row.cols[1]);
      if (cue == Cue::kNone) {
        return Status(StatusCode::kCorrupt,
                      std::string(file) + ":" + std::to_string(row.line) + ": unknown cue '" + row.cols[1] + "'");
      }
      if (cue == Cue::kLocative || cue == Cue::kByAmount || cue == Cue::kWith || cue == Cue::kNegation ||
          cue == Cue::kFirstPerson || cue == Cue::kCityNoun || cue == Cue::kParticipation ||
          cue == Cue::kEventNoun || cue == Cue::kOfWhole || cue == Cue::kPartnerNoun || cue == Cue::kOtherSet ||
          cue == Cue::kCompanyNoun) {
        LexiconsLoader::AddWordClass(*lex, FoldCase(row.cols[0]), cue);
        continue;
      }
      add(row.cols[0], cue, row.cols.size() > 2 ? std::string_view(row.cols[2]) : std::string_view());
    }
  }
  {
    const char* file = "lexicons/measure_units.tsv";
    auto rows = data::ReadTsv(file, 1);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) LexiconsLoader::AddMeasureUnit(*lex, row.cols[0]);
  }
  LexiconsLoader::Sort(*lex);
  {
    const char* file = "gazetteers/capitals.tsv";
    auto rows = data::ReadTsv(file, 2);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) LexiconsLoader::AddCapital(*lex, row.cols[0], row.cols[1]);
  }
  // The change verbs and nouns (matched by stem, as the change parser reads them) tell the
  // clause rules which clause reports a change and in which direction.
  {
    const char* file = "lexicons/change_verbs.tsv";
    auto rows = data::ReadTsv(file, 3);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      const std::string& dir = row.cols[1];
      const std::string& kind = row.cols[2];
      if (kind != "verb" && kind != "noun") continue;
      if (dir != "up" && dir != "down") continue;
      const bool noun = kind == "noun";
      add(row.cols[0], dir == "up" ? (noun ? Cue::kChangeNounUp : Cue::kChangeUp)
                                   : (noun ? Cue::kChangeNounDown : Cue::kChangeDown),
          std::string_view());
    }
  }
  lex->cues.Build();

  auto city_rows = data::ReadTsv("lexicons/foreign_cities.tsv", 2);
  if (!city_rows.ok()) return city_rows.status();
  for (const auto& row : *city_rows) lex->foreign_cities.try_emplace(FoldCase(row.cols[0]), row.cols[1]);
  // the nominative too: «прибыл в Ханой» (the accusative of a masculine city is its nominative)
  for (const auto& row : *city_rows) lex->foreign_cities.try_emplace(FoldCase(row.cols[1]), row.cols[1]);
  // residences and capitals named as places («во Дворце Независимости», «в столице Казахстана»)
  auto place_rows = data::ReadTsv("lexicons/venues.tsv", 2);
  if (!place_rows.ok()) return place_rows.status();
  for (const auto& row : *place_rows) lex->foreign_cities.try_emplace(FoldCase(row.cols[0]), row.cols[1]);
  auto venue_rows = data::ReadTsv("lexicons/venue_adjectives.tsv", 2);
  if (!venue_rows.ok()) return venue_rows.status();
  for (const auto& row : *venue_rows) lex->venue_adjectives.try_emplace(FoldCase(row.cols[0]), row.cols[1]);
  return std::shared_ptr<const Lexicons>(std::move(lex));
}

Annotations Annotate(const Lexicons& lex, const Document& doc, const AnnotateLimits& limits) {
  Annotations a;
  a.tokens = segment::Tokenize(doc.text);
  a.stems = lang::StemTokens(a.tokens);
  a.parties = lex.gazetteer->Find(a.tokens, a.stems);
  a.persons = lex.names->Find(doc.text, a.tokens);
  a.roles = lex.roles->Find(doc.text, a.tokens, a.stems);
  a.orgs = lex.orgs->Find(doc.text, a.tokens, a.stems);
  a.sectors = lex.sectors->Find(a.tokens, a.stems);
  {
    const auto matches = lex.cues.FindAll(a.tokens, a.stems);
    for (size_t i = 0; i < matches.size();) {
      // one span may carry several payloads (consecutive): a neutral one hides the others («в целом»)
      size_t j = i;
      bool neutral = false;
      for (; j < matches.size() && matches[j].first_token == matches[i].first_token; ++j) {
        neutral |= lex.cue_kinds[matches[j].payload].first == Cue::kNeutral;
      }
      for (; i < j; ++i) {
        const auto& [cue, word] = lex.cue_kinds[matches[i].payload];
        if (!neutral) a.cues.push_back({matches[i].first_token, matches[i].end_token, cue, word, lex.cue_by[matches[i].payload]});
      }
    }
  }
  auto by_start = [](const auto& x, const auto& y) { return x.start < y.start; };
  std::stable_sort(a.parties.begin(), a.parties.end(), by_start);
  std::stable_sort(a.persons.begin(), a.persons.end(), by_start);
  std::stable_sort(a.roles.begin(), a.roles.end(), by_start);
  std::stable_sort(a.orgs.begin(), a.orgs.end(), by_start);
  std::stable_sort(a.sectors.begin(), a.sectors.end(), by_start);
  std::stable_sort(a.cues.begin(), a.cues.end(), [](const CueMention& x, const CueMention& y) { return x.token < y.token; });
  AddNamesInPlace(*lex.names, doc, a);
  // The document's budget: the discourse step pairs people, roles and
  // parties across the document.
  const size_t doc_cap = limits.doc_mentions > 0 ? limits.doc_mentions : SIZE_MAX;  // 0: no limit
  // what earlier windows of the document left of it (all of it for a whole document)
  auto left = [&](size_t kind) { return doc_cap - std::min(doc_cap, limits.doc_taken[kind]); };
  Cap(a.parties, left(0), a.doc_dropped);
  Cap(a.persons, left(1), a.doc_dropped);
  Cap(a.roles, left(2), a.doc_dropped);
  Cap(a.orgs, left(3), a.doc_dropped);
  Cap(a.sectors, left(4), a.doc_dropped);
  Cap(a.cues, left(5), a.doc_dropped);
  a.doc_kept = {a.parties.size(), a.persons.size(), a.roles.size(), a.orgs.size(), a.sectors.size(), a.cues.size()};
  const size_t cap = limits.sentence_mentions > 0 ? limits.sentence_mentions : SIZE_MAX;

  a.sentences.resize(doc.sentences.size());
  size_t t = 0;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    if (limits.deadline.Expired()) {
      a.expired = true;
      break;
    }
    const Sentence& sent = doc.sentences[s];
    SentenceMentions& sm = a.sentences[s];
    while (t < a.tokens.size() && a.tokens[t].start < sent.start) ++t;
    sm.first_token = static_cast<uint32_t>(t);
    while (t < a.tokens.size() && a.tokens[t].start < sent.end) ++t;
    sm.end_token = static_cast<uint32_t>(t);
    const std::string_view text = doc.Slice(sent);
    // the document's tokens of this sentence: the same as tokenising it with its start as base
    const size_t count = sm.end_token - sm.first_token;
    expr::Expressions e = expr::FindExpressions(text, std::span(a.tokens).subspan(sm.first_token, count), sent.start,
                                                a.stems.fold_keys().subspan(sm.first_token, count));
    Cap(e.money, cap, a.sentence_dropped);
    Cap(e.changes, cap, a.sentence_dropped);
    Cap(e.quantities, cap, a.sentence_dropped);
    Cap(e.dates, cap, a.sentence_dropped);
    sm.money = std::move(e.money);
    sm.changes = std::move(e.changes);
    sm.percents = std::move(e.percents);
    sm.quantities = std::move(e.quantities);
    sm.dates = std::move(e.dates);
  }
  // «долларов США», «американских долларов»: a country inside a currency is no party
  std::vector<Span> currencies;
  for (const auto& sm : a.sentences) {
    for (const auto& m : sm.money) {
      if (!m.currency.empty()) currencies.push_back({std::min(m.value_start, m.value_end), m.end});
      if (m.qualifier_start < m.value_start && !m.currency.empty()) currencies.push_back({m.qualifier_end, m.value_start});
    }
  }
  if (!currencies.empty()) {
    std::sort(currencies.begin(), currencies.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
    std::erase_if(a.parties, [&](const lang::PartyMention& p) {
      // the last currency span starting at or before the party (they do not overlap)
      auto it = std::upper_bound(currencies.begin(), currencies.end(), p.start,
                                 [](uint32_t b, const Span& c) { return b < c.start; });
      return it != currencies.begin() && p.end <= std::prev(it)->end;
    });
  }
  Bucket(a.parties, doc.sentences, a.sentences, &SentenceMentions::parties, cap, a.sentence_dropped);
  Bucket(a.persons, doc.sentences, a.sentences, &SentenceMentions::persons, cap, a.sentence_dropped);
  Bucket(a.roles, doc.sentences, a.sentences, &SentenceMentions::roles, cap, a.sentence_dropped);
  Bucket(a.orgs, doc.sentences, a.sentences, &SentenceMentions::orgs, cap, a.sentence_dropped);
  Bucket(a.sectors, doc.sentences, a.sentences, &SentenceMentions::sectors, cap, a.sentence_dropped);
  // cues are indexed by token; bucket by the token's start
  size_t s = 0;
  for (size_t i = 0; i < a.cues.size(); ++i) {
    const uint32_t at = a.tokens[a.cues[i].token].start;
    while (s < doc.sentences.size() && doc.sentences[s].end <= at) ++s;
    if (s == doc.sentences.size()) break;
    if (at < doc.sentences[s].start) continue;
    if (a.sentences[s].cues.size() >= cap) {
      ++a.sentence_dropped;
      continue;
    }
    a.sentences[s].cues.push_back(i);
  }
  // «страны смогли удвоить товарооборот»: a verb of doubling or tripling is a change by itself
  // when the change parser found none at that word (it needs a number)
  for (auto& sm : a.sentences) {
    bool added = false;
    for (size_t ci : sm.cues) {
      const CueMention& c = a.cues[ci];
      if (c.cue != Cue::kDoubling && c.cue != Cue::kTripling) continue;
      const uint32_t start = a.tokens[c.token].start, end = a.tokens[c.end_token - 1].end;
      const bool known = std::any_of(sm.changes.begin(), sm.changes.end(), [&](const expr::ChangeExpr& x) {
        return (x.verb_start == start && x.verb_end > x.verb_start) || (x.start < end && start < x.end);
      });
      if (known) continue;
      expr::ChangeExpr x;
      x.kind = "times";
      x.value = c.cue == Cue::kDoubling ? 2 : 3;
      x.percent = (x.value - 1) * 100;
      x.direction = expr::Direction::kUp;
      x.start = x.verb_start = start;
      x.end = x.verb_end = end;
      sm.changes.push_back(std::move(x));
      added = true;
    }
    if (added) {
      std::stable_sort(sm.changes.begin(), sm.changes.end(),
                       [](const expr::ChangeExpr& x, const expr::ChangeExpr& y) { return x.start < y.start; });
    }
  }
  return a;
}

void AnnotationWarnings(const Annotations& a, const AnnotateLimits& limits, const std::string& source,
                        std::vector<std::string>& out) {
  AnnotationWarnings(a.doc_dropped, a.sentence_dropped, limits, source, out);
}

void AnnotationWarnings(size_t doc_dropped, size_t sentence_dropped, const AnnotateLimits& limits,
                        const std::string& source, std::vector<std::string>& out) {
  if (doc_dropped > 0) {
    out.push_back(source + ": " + std::to_string(doc_dropped) + " mentions past " +
                  std::to_string(limits.doc_mentions) + " of one kind in the document dropped (--max-doc-mentions " +
                  std::to_string(limits.doc_mentions) + ")");
  }
  if (sentence_dropped > 0) {
    out.push_back(source + ": " + std::to_string(sentence_dropped) + " mentions past " +
                  std::to_string(limits.sentence_mentions) +
                  " of one kind in a sentence dropped (--max-sentence-mentions " +
                  std::to_string(limits.sentence_mentions) + ")");
  }
}

std::string RenderAnnotated(const Document& doc, const Annotations& a) {
  struct Mark {
    uint32_t start, end;
    std::string label;
  };
  std::vector<Mark> marks;
  for (const auto& p : a.parties) marks.push_back({p.start, p.end, "party " + p.code});
  for (const auto& p : a.persons) {
    std::string label = "person " + p.name;
    if (!p.official_name.empty() && p.official_name != p.name) label += " = " + p.official_name;
    marks.push_back({p.start, p.end, label});
  }
  for (const auto& r : a.roles) marks.push_back({r.start, r.end, "role " + r.role});
  for (const auto& o : a.orgs) marks.push_back({o.start, o.end, "org " + o.name + (o.country.empty() ? "" : " " + o.country)});
  for (const auto& s : a.sectors) marks.push_back({s.start, s.end, "sector " + s.sector});
  auto num = [](double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return std::string(buf);
  };
  for (const auto& sm : a.sentences) {
    for (const auto& m : sm.money) {
      marks.push_back({m.start, m.end, "money " + num(m.value) + " " + (m.currency.empty() ? "?" : m.currency)});
    }
    for (const auto& c : sm.changes) marks.push_back({c.start, c.end, "change " + num(c.percent) + "%"});
    for (const auto& p : sm.percents) marks.push_back({p.start, p.end, "percent " + num(p.value)});
    for (const auto& q : sm.quantities) marks.push_back({q.start, q.end, "quantity " + num(q.value) + " " + q.unit});
    for (const auto& d : sm.dates) {
      std::string label = "date";
      if (d.year) label += " " + std::to_string(d.year);
      if (d.month) label += "-" + std::to_string(d.month);
      if (d.day) label += "-" + std::to_string(d.day);
      if (d.kind == expr::DateExpr::Kind::kRelativeYear) label += " relative " + std::to_string(d.relative);
      if (!d.period.empty()) label += " " + d.period;
      marks.push_back({d.start, d.end, label});
    }
  }
  // Outer marks first at equal starts; nested marks are rendered inside.
  std::sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) {
    return x.start != y.start ? x.start < y.start : x.end > y.end;
  });
  std::string out;
  std::vector<const Mark*> open;
  size_t pos = 0;
  auto close_until = [&](size_t at) {
    while (!open.empty() && open.back()->end <= at) {
      out.append(doc.text, pos, open.back()->end - pos);
      pos = open.back()->end;
      out += "|" + open.back()->label + "]";
      open.pop_back();
    }
  };
  for (const Mark& m : marks) {
    close_until(m.start);
    if (!open.empty() && m.end > open.back()->end) continue;  // crossing spans: skip the inner one
    out.append(doc.text, pos, m.start - pos);
    pos = m.start;
    out += "[";
    open.push_back(&m);
  }
  close_until(doc.text.size());
  out.append(doc.text, pos, std::string::npos);
  return out;
}

}  // namespace oborot::facts
