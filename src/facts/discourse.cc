// Discourse: the pair an article is about, who its people are and who is
// speaking where. Built once per document from its annotations.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {

bool IsBelarusSide(std::string_view code) { return code == "BY" || code.substr(0, 3) == "BY-"; }

size_t TokenAt(const Annotations& a, uint32_t byte) {
  return static_cast<size_t>(std::lower_bound(a.tokens.begin(), a.tokens.end(), byte,
                                              [](const segment::Token& t, uint32_t b) { return t.start < b; }) -
                             a.tokens.begin());
}

bool HasCue(const Annotations& a, const SentenceMentions& sm, Cue cue) {
  for (size_t ci : sm.cues) {
    if (a.cues[ci].cue == cue) return true;
  }
  return false;
}

namespace {

// Direct quotations: «…» (with „…“ nested), “…”, and straight "…" pairs; a
// quotation never crosses a paragraph unless its closing mark is missing, in
// which case it ends with the paragraph.
std::vector<Span> FindQuotes(const Document& doc, const std::vector<segment::Token>& tokens) {
  // Quotation marks are one-character punctuation tokens, so the document's
  // tokens are walked instead of its code points.
  std::vector<Span> out;
  for (const Span& para : doc.paragraphs) {
    auto t = std::lower_bound(tokens.begin(), tokens.end(), para.start,
                              [](const segment::Token& tok, uint32_t at) { return tok.start < at; });
    int depth = 0;
    uint32_t open_at = 0;
    bool straight_open = false;
    for (; t != tokens.end() && t->start < para.end; ++t) {
      if (t->kind != segment::TokenKind::kPunct) continue;
      const std::string_view q = t->fold;
      if (q == "«" || (q == "“" && depth == 0)) {
        if (depth++ == 0) open_at = t->start;
      } else if ((q == "»" || q == "”") && depth > 0) {
        if (--depth == 0) out.push_back({open_at, t->end});
      } else if (q == "\"" && depth == 0) {
        if (!straight_open) {
          straight_open = true;
          open_at = t->start;
        } else {
          straight_open = false;
          out.push_back({open_at, t->end});
        }
      }
    }
    if (depth > 0 || straight_open) out.push_back({open_at, para.end});
  }
  return out;
}

bool IsPronoun(std::string_view fold) {
  return fold == "он" || fold == "она" || fold == "его" || fold == "ее" || fold == "ему" || fold == "ей";
}

// 1 for the head of a Russian region (and his deputies), 2 for a Belarusian
// oblast's, 3 for a region's abroad («аким», «хоким», «губернатор провинции»,
// «марзпет»; data/lexicons/roles.tsv), 0 otherwise: a role whose side is a
// region even when none is named.
int RegionSide(std::string_view id) {
  static constexpr std::string_view kRussian[] = {"governor",         "vice_governor",           "deputy_governor",
                                                  "acting_governor",  "head_of_region",          "head_of_republic",
                                                  "acting_head_of_republic"};
  static constexpr std::string_view kAbroad[] = {"akim", "deputy_akim", "region_head_abroad",
                                                 "deputy_region_head_abroad", "party_secretary_abroad"};
  for (std::string_view r : kRussian)
    if (id == r) return 1;
  for (std::string_view r : kAbroad)
    if (id == r) return 3;
  return id == "oblast_chair" || id == "deputy_oblast_chair" ? 2 : 0;
}

// Which of a known official's posts the text means: among the posts whose
// role is the role written before the name (all posts when none is), the one
// in a place the document names (the latest of those), else the one held in
// the publication year, else the only one; nullptr when nothing tells.
const lang::OfficialPost* PickPost(std::span<const lang::OfficialPost> all, const lang::RoleMention* role,
                                   const std::set<std::string, std::less<>>& mentioned,
                                   const std::optional<Date>& published) {
  if (all.size() == 1) return &all[0];
  std::vector<const lang::OfficialPost*> posts;
  if (role) {
    const std::string want = FoldCase(role->role);
    for (const auto& p : all) {
      const std::string have = FoldCase(p.role);
      if (have == want || (have.rfind(want, 0) == 0 && want.size() >= 6)) posts.push_back(&p);
    }
    // «глава региона»: the posts at a region's level
    const int side = RegionSide(role->role_id);
    if (posts.empty() && side != 0) {
      for (const auto& p : all) {
        if ((side == 1 && p.party.rfind("RU-", 0) == 0) || (side == 2 && p.party.rfind("BY-", 0) == 0)) {
          posts.push_back(&p);
        }
      }
    }
  }
  if (posts.empty()) {
    for (const auto& p : all) posts.push_back(&p);
  }
  const lang::OfficialPost* best = nullptr;
  size_t places = 0;
  for (const auto* p : posts) {
    if (mentioned.count(p->party) == 0) continue;
    ++places;
    if (!best || p->to == 0 || (best->to != 0 && p->to > best->to)) best = p;
  }
  // only when the document's places single out the post
  if (best && (places < posts.size() || posts.size() == 1)) return best;
  if (published) {
    for (const auto* p : posts) {
      if ((p->from == 0 || p->from <= published->year) && (p->to == 0 || published->year <= p->to)) return p;
    }
  }
  return posts.size() == 1 ? posts[0] : nullptr;
}

// The role a person's name stands in apposition to: the nearest role before
// it, with no other person between, ending at most 7 tokens before the name,
// or 12 when a place or an organisation fills the gap («с руководителем
// отделения посольства Беларуси в РФ в Нижнем Новгороде Александром
// Власовым»), with no punctuation but brackets, quotes and hyphens in the gap
// (a comma or a full stop ends the role's phrase); a preposition or «и» right
// before the name starts another phrase («губернатор встретился с
// Петровым»). -1 when none.
int AppositeRole(const Annotations& a, size_t person) {
  const auto& p = a.persons[person];
  const size_t pt = TokenAt(a, p.start);
  int best = -1;
  // roles do not overlap, so their ends are sorted: the ones ending before the name
  const size_t upto = static_cast<size_t>(
      std::upper_bound(a.roles.begin(), a.roles.end(), p.start,
                       [](uint32_t b, const lang::RoleMention& r) { return b < r.end; }) -
      a.roles.begin());
  size_t from = upto;
  while (from > 0 && TokenAt(a, a.roles[from - 1].end) + 12 >= pt) --from;
  auto inside = [&](const auto& mentions, uint32_t lo, uint32_t hi) {
    auto it = std::lower_bound(mentions.begin(), mentions.end(), lo,
                               [](const auto& m, uint32_t b) { return m.start < b; });
    return it != mentions.end() && it->end <= hi;
  };
  for (size_t ri = from; ri < upto; ++ri) {
    const auto& r = a.roles[ri];
    const size_t rt = TokenAt(a, r.end);
    if (pt < rt || pt - rt > 12) continue;
    bool ok = true, filled = false;
    for (size_t t = rt; t <= pt && ok; ++t) {
      const auto& tok = a.tokens[t];
      if (tok.newline_before) ok = false;  // another paragraph
      if (t == pt) break;
      if (tok.kind == segment::TokenKind::kPunct) {
        ok = tok.fold == "(" || tok.fold == ")" || tok.fold == "«" || tok.fold == "»" || tok.fold == "\"" ||
             tok.fold == "-";
      }
    }
    filled = inside(a.parties, r.end, p.start) || inside(a.orgs, r.end, p.start);
    if (!ok || (pt - rt > 7 && !filled)) continue;
    if (pt > rt) {
      const std::string_view before = a.tokens[pt - 1].fold;
      if (lang::PrepositionCase(before) != lang::GramCase::kUnknown || before == "и" || before == "а") continue;
    }
    best = static_cast<int>(ri);
  }
  if (best >= 0 && person > 0 && a.persons[person - 1].start >= a.roles[static_cast<size_t>(best)].end) return -1;
  return best;
}

// Index of the first party mention starting at or after byte `at`.
size_t PartyFrom(const Annotations& a, uint32_t at) {
  return static_cast<size_t>(std::lower_bound(a.parties.begin(), a.parties.end(), at,
                                              [](const lang::PartyMention& m, uint32_t b) { return m.start < b; }) -
                             a.parties.begin());
}

// A word for a region in the genitive, after a role: «губернатор области».
bool IsRegionWord(std::string_view fold) {
  return fold == "области" || fold == "региона" || fold == "края" || fold == "республики" || fold == "округа";
}

// «этой страны» between a role and its name (from, to): the foreign country
// named last before it (at most kLookBack mentions back), else "".
std::string ThisCountry(const Annotations& ann, const DocContext& ctx, uint32_t from, uint32_t to) {
  const auto c = std::lower_bound(ann.cues.begin(), ann.cues.end(), from, [&](const CueMention& m, uint32_t b) {
    return ann.tokens[m.token].start < b;
  });
  if (c == ann.cues.end() || c->cue != Cue::kThisCountry || ann.tokens[c->token].start >= to) return {};
  constexpr size_t kLookBack = 50;
  for (size_t k = PartyFrom(ann, from), steps = 0; k-- > 0 && steps++ < kLookBack;) {
    const auto& m = ann.parties[k];
    if (IsCountry(m.code) && !IsBelarusSide(m.code) && ctx.PartyUsable(k)) return m.code;
  }
  return {};
}

bool IsHeadOfStateRole(std::string_view id) {
  return id == "president" || id == "head_of_state" || id == "leader" || id == "prime_minister" ||
         id == "deputy_pm" || id == "head_of_government";
}

}  // namespace

bool OblastAsSide(const Annotations& a, const lang::PartyMention& m) {
  if (m.kind == lang::PlaceKind::kRegion || m.kind == lang::PlaceKind::kDemonym) return true;
  if (m.kind != lang::PlaceKind::kAdjective) return false;
  // «Витебская и Псковская области», «Гомельской и Брянской областей» (the cue «область»)
  const size_t from = TokenAt(a, m.end);
  auto it = std::lower_bound(a.cues.begin(), a.cues.end(), from,
                             [](const CueMention& c, size_t t) { return c.token < t; });
  for (; it != a.cues.end() && it->token < from + 4; ++it) {
    if (it->cue == Cue::kOblastNoun) return true;
  }
  return false;
}

bool DocContext::PartyUsable(size_t i) const {
  const auto& p = ann->parties[i];
  // organisations are in text order: only those starting at or before the mention can hold it
  const auto& orgs = ann->orgs;
  auto it = std::upper_bound(orgs.begin(), orgs.end(), p.start,
                             [](uint32_t b, const lang::OrgMention& o) { return b < o.start; });
  for (size_t n = 0; it != orgs.begin() && n < 4; ++n) {  // a few nested or adjacent names at most
    --it;
    if (p.start >= it->start && p.end <= it->end) return false;
  }
  return true;
}

namespace {

// The contract's «Имя Фамилия»: the patronymic left out.
std::string FirstAndSurname(const lang::PersonMention& p) {
  return p.surname.empty() ? p.name : p.first + " " + p.surname;
}

}  // namespace

void DocContext::IndexPersons() {
  surname_named.clear();
  surname_fullest.clear();
  for (size_t i = 0; i < ann->persons.size(); ++i) {
    const auto& q = ann->persons[i];
    if (q.surname.empty() || q.surname_only || q.first.empty()) continue;
    surname_named.try_emplace(q.surname, i);
    auto [it, added] = surname_fullest.try_emplace(q.surname, i);
    if (!added && q.name.size() > ann->persons[it->second].name.size()) it->second = i;
  }
}

void DocContext::IndexQuotes() {
  quote_reach.clear();
  quote_reach.reserve(quotes.size());
  for (const Span& q : quotes) quote_reach.emplace_back(q.start, q.end);
  std::sort(quote_reach.begin(), quote_reach.end());
  for (size_t i = 1; i < quote_reach.size(); ++i) {
    quote_reach[i].second = std::max(quote_reach[i].second, quote_reach[i - 1].second);
  }
}

bool DocContext::InQuotation(uint32_t at) const {
  // the quotations starting at or before `at`; the furthest end among them decides
  const auto k = std::upper_bound(quote_reach.begin(), quote_reach.end(), at,
                                  [](uint32_t a, const std::pair<uint32_t, uint32_t>& q) { return a < q.first; });
  return k != quote_reach.begin() && std::prev(k)->second > at;
}

bool DocContext::InsideQuotationMarks(uint32_t at) const {
  const auto k = std::lower_bound(quote_reach.begin(), quote_reach.end(), at,
                                  [](const std::pair<uint32_t, uint32_t>& q, uint32_t a) { return q.first < a; });
  return k != quote_reach.begin() && std::prev(k)->second > at;
}

std::string DocContext::PersonName(size_t i) const {
  const auto& p = ann->persons[i];
  if (!p.surname_only && !p.first.empty()) return FirstAndSurname(p);
  // «Никитин сообщил»: the full name the document gave the same surname, else the officials lexicon
  // (p itself has no first name or is a surname alone, so it is never the one found)
  if (!p.surname.empty()) {
    if (auto it = surname_named.find(p.surname); it != surname_named.end()) return FirstAndSurname(ann->persons[it->second]);
  }
  // a bare surname of a known official gets the lexicon's name; a name by initials
  // («А.М. Субботин») keeps them, as the text gives no more
  if (!p.official_name.empty() && p.name == p.surname) return p.official_name;
  return p.name;
}

std::string DocContext::PersonFullName(size_t i) const {
  const auto& p = ann->persons[i];
  if (!p.surname_only && !p.first.empty()) return p.name;
  if (!p.surname.empty()) {
    // the fullest mention of the same surname: with a patronymic first
    if (auto it = surname_fullest.find(p.surname); it != surname_fullest.end()) return ann->persons[it->second].name;
  }
  if (!p.official_name.empty()) return p.official_name;
  return p.name;
}

// «провели встречу в ОАЭ»: a country right after a meeting word and «в» is
// where the meeting was held, not a side, when the text names another foreign
// country (the one met; `foreign` counts the foreign countries it names).
// Cost: a binary search in the cues.
bool MeetingPlaceCountry(const DocContext& ctx, const lang::PartyMention& m, size_t t, size_t foreign) {
  const Annotations& ann = *ctx.ann;
  if (!IsCountry(m.code) || IsBelarusSide(m.code) || m.kind == lang::PlaceKind::kAdjective || t < 2) return false;
  if (!ctx.lex->HasWordClass(ann.tokens[t - 1].fold, Cue::kLocative)) return false;
  if (foreign < 2) return false;  // m's country is one of them
  auto it = std::lower_bound(ann.cues.begin(), ann.cues.end(), t - std::min<size_t>(t, 3),
                             [](const CueMention& c, size_t tok) { return c.token < tok; });
  for (; it != ann.cues.end() && it->token < t; ++it) {
    if (it->cue == Cue::kMeeting && it->end_token == t - 1) return true;
  }
  return false;
}

DocContext BuildContext(const Lexicons& lex, const Document& doc, const Annotations& ann) {
  DocContext ctx;
  ctx.doc = &doc;
  ctx.ann = &ann;
  ctx.lex = &lex;
  ctx.IndexPersons();
  ctx.quotes = FindQuotes(doc, ann.tokens);
  ctx.IndexQuotes();
  const size_t n = doc.sentences.size();
  for (const auto& m : ann.parties) {
    if (IsCountry(m.code) && m.kind != lang::PlaceKind::kAdjective &&
        std::find(ctx.countries_named.begin(), ctx.countries_named.end(), m.code) == ctx.countries_named.end()) {
      ctx.countries_named.push_back(m.code);
    }
  }
  // What the pair rules ask of every party mention, once: where it is, whether it can be a side
  ctx.party_token.resize(ann.parties.size());
  ctx.party_flags.assign(ann.parties.size(), 0);
  const size_t foreign_countries = static_cast<size_t>(std::count_if(
      ctx.countries_named.begin(), ctx.countries_named.end(), [](const std::string& c) { return !IsBelarusSide(c); }));
  for (size_t k = 0; k < ann.parties.size(); ++k) {
    const auto& m = ann.parties[k];
    ctx.party_token[k] = static_cast<uint32_t>(TokenAt(ann, m.start));
    uint8_t f = 0;
    if (ctx.PartyUsable(k)) f |= DocContext::kPartyUsable;
    if (CityAsPlace(ctx, m) || MeetingPlaceCountry(ctx, m, ctx.party_token[k], foreign_countries)) f |= DocContext::kPartyPlace;
    if (OblastAsSide(ann, m)) f |= DocContext::kPartyOblastSide;
    const uint32_t t = ctx.party_token[k];
    if (t > 0 && lex.HasWordClass(ann.tokens[t - 1].fold, Cue::kWith)) f |= DocContext::kPartyAfterWith;
    // «с предприятиями Беларуси»: the country of the partners named after «с» is the partner
    if (t > 1 && lex.HasWordClass(ann.tokens[t - 1].fold, Cue::kPartnerNoun) &&
        lex.HasWordClass(ann.tokens[t - 2].fold, Cue::kWith)) {
      f |= DocContext::kPartyAfterWith;
    }
    ctx.party_flags[k] = f;
  }
  for (const auto& sm : ann.sentences) {
    for (size_t k : sm.parties) {
      const auto& m = ann.parties[k];
      auto it = std::upper_bound(sm.money.begin(), sm.money.end(), m.start,
                                 [](uint32_t b, const expr::MoneyExpr& x) { return b < x.start; });
      if (it != sm.money.begin() && m.end <= std::prev(it)->end) ctx.party_flags[k] |= DocContext::kPartyInMoney;
    }
  }
  // The clause structure of the sentences a rule reads: those with a figure, and, when the
  // text has no publication date, those with a date (the present the text fixes
  // is read from them). The others have no clause to read; most sentences are such.
  ctx.clauses.resize(n);
  for (size_t s = 0; s < n; ++s) {
    const SentenceMentions& sm = ann.sentences[s];
    const bool needed = !sm.money.empty() || !sm.changes.empty() || !sm.percents.empty() ||
                        (!doc.published && !sm.dates.empty());
    if (needed) ctx.clauses[s] = AnalyzeClauses(ann, sm);
  }
  ctx.sentence_speaker.assign(n, "");
  ctx.in_other_story.assign(n, false);

  // Title sentences: the first paragraph when it is the headline.
  uint32_t title_end = 0;
  if (doc.title && !doc.paragraphs.empty() && FoldCase(doc.Slice(doc.paragraphs[0])) == FoldCase(*doc.title)) {
    title_end = doc.paragraphs[0].end;
  }
  while (ctx.body_start_sentence < n && doc.sentences[ctx.body_start_sentence].end <= title_end) {
    ++ctx.body_start_sentence;
  }

  // --- people: role and party of each person -------------------------------
  const auto& toks = ann.tokens;
  ctx.person_party.assign(ann.persons.size(), "");
  ctx.person_role.assign(ann.persons.size(), "");
  std::vector<bool> anaphoric(ann.persons.size(), false);
  ctx.person_role_mention.assign(ann.persons.size(), -1);
  std::set<std::string, std::less<>> mentioned;  // every party the document names, when an official needs it
  bool mentioned_built = false;
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    const auto& p = ann.persons[i];
    const size_t pt = TokenAt(ann, p.start);
    const int role_index = AppositeRole(ann, i);
    const lang::RoleMention* role = role_index >= 0 ? &ann.roles[static_cast<size_t>(role_index)] : nullptr;
    ctx.person_role_mention[i] = role_index;
    if (role) {
      ctx.person_role[i] = role->role;
      // «с послом этой страны в Беларуси Имя Фамилия»: the foreign country named last before the role
      const std::string this_country = ThisCountry(ann, ctx, role->end, p.start);
      if (!this_country.empty()) ctx.person_party[i] = this_country;
      // the first usable party mention between the role and the name
      for (size_t k = PartyFrom(ann, role->start);
           this_country.empty() && k < ann.parties.size() && ann.parties[k].start < p.start; ++k) {
        const auto& m = ann.parties[k];
        if (m.start >= role->start && m.end <= p.start) {  // inside a body's name too: «Гомельского облисполкома»
          ctx.person_party[i] = m.code;
          // «глава этого российского региона»: the country's adjective before a
          // word for a region refers back to the region, found below
          const size_t mt = TokenAt(ann, m.end);
          if (m.kind == lang::PlaceKind::kAdjective && IsCountry(m.code) && mt < pt && IsRegionWord(toks[mt].fold)) {
            ctx.person_party[i].clear();
            anaphoric[i] = true;
          }
          break;
        }
      }
      // a country's adjective right before the role: «с индийским послом»
      if (ctx.person_party[i].empty()) {
        const size_t rt = TokenAt(ann, role->start);
        const size_t upto = PartyFrom(ann, role->start);
        for (size_t k = upto > 2 ? upto - 2 : 0; k < upto; ++k) {
          const auto& m = ann.parties[k];
          if (m.end > role->start) break;
          const size_t mt = TokenAt(ann, m.end);
          if (m.kind == lang::PlaceKind::kAdjective && rt >= mt && rt - mt <= 1) ctx.person_party[i] = m.code;
        }
      }
      // an organisation of known country in the complement: «гендиректор РУП «Белтаможсервис»»
      if (ctx.person_party[i].empty() && !anaphoric[i]) {
        for (const auto& o : ann.orgs) {
          if (o.start >= role->end && o.end <= p.start && !o.country.empty()) {
            ctx.person_party[i] = o.country;
            break;
          }
        }
      }
      if (ctx.person_party[i].empty() && !anaphoric[i]) {
        const std::string_view role_text = std::string_view(doc.text).substr(role->start, role->end - role->start);
        const std::string folded = FoldCase(role_text);
        if (folded.find("белорус") != std::string::npos) {
          ctx.person_party[i] = "BY";
        } else if (folded.find("российск") != std::string::npos) {
          ctx.person_party[i] = "RU";
        } else {
          for (size_t t = TokenAt(ann, role->end); t < pt && t < toks.size(); ++t) {
            if (IsRegionWord(toks[t].fold)) anaphoric[i] = true;
          }
        }
      }
    }
    // A known official: the post that fits the role written, else a post in a
    // place the document names, else the one held in the publication year,
    // else the latest («губернатор Денис Паслер» in a text about Orenburg).
    // «председатель облисполкома Андрей Никитин» when the lexicon's Андрей
    // Никитин is a Russian governor: a namesake; the role decides
    const int level = role ? RegionSide(role->role_id) : 0;
    const bool namesake =
        (level == 1 || level == 2) && !p.official_posts.empty() &&
        std::none_of(p.official_posts.begin(), p.official_posts.end(), [&](const lang::OfficialPost& x) {
          return x.party.rfind(level == 1 ? "RU-" : "BY-", 0) == 0;
        });
    if (namesake && ctx.person_party[i].empty()) anaphoric[i] = true;
    if (ctx.person_party[i].empty() && !p.official_posts.empty() && !namesake) {
      if (!mentioned_built && p.official_posts.size() > 1) {
        for (size_t k = 0; k < ann.parties.size(); ++k) {
          if (ctx.PartyUsable(k)) mentioned.insert(ann.parties[k].code);
        }
        mentioned_built = true;
      }
      const lang::OfficialPost* post = PickPost(p.official_posts, role, mentioned, doc.published);
      ctx.person_party[i] = post ? post->party : p.official_party;
      if (ctx.person_role[i].empty()) ctx.person_role[i] = post ? post->role : p.official_role;
      anaphoric[i] = false;
    }
    if (ctx.person_party[i].empty() && !p.official_party.empty() && !namesake) ctx.person_party[i] = p.official_party;
    if (ctx.person_role[i].empty() && !p.official_role.empty() && !namesake) ctx.person_role[i] = p.official_role;
    if (anaphoric[i] && role && IsHeadOfStateRole(role->role_id)) {
      ctx.person_party[i] = "BY";
      anaphoric[i] = false;
    }
    // a regional head with no place named: his region, found after the pair
    if (ctx.person_party[i].empty() && role && RegionSide(role->role_id) != 0) anaphoric[i] = true;
  }
  // «вице-премьеров Ризвана Газимагомедова и Наримана Абдулмуталибова»: a name
  // coordinated with one in apposition to a plural role shares its role and party
  // «Главы Ферганской и Гомельской областей Хайрулло Базаров и Иван Крупко»: with two or more
  // sides between the plural role and the first name, the names take them in turn, over a post
  // the officials' list gives (the text says which region each heads)
  std::vector<size_t> chain_pos(ann.persons.size(), 0);
  // (such a role is plural though its form may read as a genitive singular: «Главы ... областей»)
  for (size_t i = 1; i < ann.persons.size(); ++i) {
    const int prev_role = ctx.person_role_mention[i - 1];
    if (ctx.person_role_mention[i] >= 0 || prev_role < 0) continue;
    const size_t a_end = TokenAt(ann, ann.persons[i - 1].end), b = TokenAt(ann, ann.persons[i].start);
    if (b != a_end + 1 || (toks[a_end].fold != "и" && toks[a_end].fold != ",")) continue;
    const auto& role = ann.roles[static_cast<size_t>(prev_role)];
    const size_t pos = chain_pos[i - 1] + 1;
    const uint32_t first_name = ann.persons[i - pos].start;
    std::vector<std::string_view> sides;
    for (size_t k = PartyFrom(ann, role.end); k < ann.parties.size() && ann.parties[k].end <= first_name; ++k) {
      const std::string_view code = ann.parties[k].code;
      if (ctx.PartyUsable(k) && std::find(sides.begin(), sides.end(), code) == sides.end()) sides.push_back(code);
    }
    const bool in_turn = sides.size() >= 2 && pos < sides.size() && ctx.person_party[i - pos] == sides[0];
    if (!role.plural && !in_turn) continue;
    ctx.person_role_mention[i] = prev_role;
    chain_pos[i] = pos;
    if (ctx.person_role[i].empty()) ctx.person_role[i] = ctx.person_role[i - 1];
    if (in_turn) {
      ctx.person_party[i] = std::string(sides[pos]);
      ctx.person_role[i] = role.role;
      anaphoric[i] = false;
      continue;
    }
    if (ctx.person_party[i].empty()) {
      ctx.person_party[i] = ctx.person_party[i - 1];
      anaphoric[i] = anaphoric[i - 1];
    }
  }
  // a surname alone takes the party and role of the full mention of the same person
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    if (!ctx.person_party[i].empty()) continue;
    for (size_t j = 0; j < ann.persons.size(); ++j) {
      if (j != i && !ctx.person_party[j].empty() && ann.persons[j].surname == ann.persons[i].surname &&
          !ann.persons[i].surname.empty()) {
        ctx.person_party[i] = ctx.person_party[j];
        if (ctx.person_role[i].empty()) ctx.person_role[i] = ctx.person_role[j];
        anaphoric[i] = false;
        break;
      }
    }
  }

  // --- the pair: salience of each party in the title, lead and body ----------
  std::map<std::string, double> score;
  std::map<std::string, double> lead_score;
  std::map<std::string, double> region_lead;  // Belarusian oblasts named as regions (not a city visited)
  bool minsk_authority = false;               // Minsk city's own authorities speak in the lead
  size_t lead_end = std::min<size_t>(n, ctx.body_start_sentence + 3);
  for (size_t s = 0; s < n; ++s) {
    const double w = s < ctx.body_start_sentence ? 3.0 : (s < lead_end ? 2.0 : 1.0);
    for (size_t k : ann.sentences[s].parties) {
      if (!ctx.PartyUsable(k)) continue;
      const auto& m = ann.parties[k];
      // «посол в Москве»: a place, not a side; «долларов США»: a currency
      if (ctx.party_flags[k] & (DocContext::kPartyPlace | DocContext::kPartyInMoney)) continue;
      double v = w;
      if (m.kind == lang::PlaceKind::kAdjective && IsCountry(m.code)) v *= 0.3;
      // «взаимодействие Минска и Москвы»: two capitals side by side stand for their countries
      std::string code = m.code;
      if (const std::string_view country = lex.CapitalOf(code); !country.empty()) {
        const size_t t = TokenAt(ann, m.start);
        for (size_t j : ann.sentences[s].parties) {
          const auto& o = ann.parties[j];
          const std::string_view other = lex.CapitalOf(o.code);
          if (&o != &m && !other.empty() && other != country) {
            const size_t u = TokenAt(ann, o.start);
            if ((u > t ? u - t : t - u) <= 3) code = std::string(country);
          }
        }
      }
      if (code == "RU") v *= 0.5;
      score[code] += v;
      if (s < lead_end) {
        lead_score[code] += v;
        if (OblastAsSide(ann, m)) region_lead[m.code] += v;
      }
    }
    if (s < lead_end) {
      // Minsk city's own authorities: the gazetteer's «other» forms of Minsk («Минский горисполком»),
      // also when the organisation matcher took the words («председатель Мингорисполкома»)
      for (size_t k : ann.sentences[s].parties) {
        const auto& m = ann.parties[k];
        if (m.code == "BY-HM" && m.kind == lang::PlaceKind::kOther) minsk_authority = true;
      }
      for (size_t k : ann.sentences[s].orgs) {
        if (lex.gazetteer->Resolve(ann.orgs[k].name).value_or("") == "BY-HM") minsk_authority = true;
      }
    }
    for (size_t k : ann.sentences[s].persons) {
      const std::string& party = ctx.person_party[k];
      if (!party.empty() && s < lead_end) {
        score[party] += 2.0;
        lead_score[party] += 2.0;
      }
    }
  }
  double by_score = 0, by_lead = 0;
  std::string best_partner, best_by_oblast;
  double best_partner_score = 0, best_oblast_score = 0;
  for (const auto& [code, v] : score) {
    if (IsBelarusSide(code)) {
      by_score += v;
      by_lead += lead_score[code];
      if (code != "BY" && code != "BY-HM" && region_lead[code] > best_oblast_score) {
        best_oblast_score = region_lead[code];
        best_by_oblast = code;
      }
    } else if (v > best_partner_score) {
      best_partner_score = v;
      best_partner = code;
    }
  }
  // a region of the partner country outranks the country itself when it is named at all prominently
  if (best_partner == "RU") {
    double best_region = 0;
    for (const auto& [code, v] : score) {
      if (code.rfind("RU-", 0) == 0 && v > best_region && v >= 2.0) {
        best_region = v;
        best_partner = code;
      }
    }
  }
  ctx.partner = best_partner;
  ctx.home_oblast = best_by_oblast;
  {
    double best_region = 0;
    for (const auto& [code, v] : score) {
      if (code.rfind("RU-", 0) == 0 && v > best_region) {
        best_region = v;
        ctx.main_region = code;
      }
    }
  }
  if (ctx.home_oblast.empty()) {
    // no oblast named as a region: the one the title and lead name most in any form, inside an
    // organisation's name too («председатель Гомельского облисполкома»)
    std::map<std::string, int> named;
    for (size_t s = 0; s < lead_end; ++s) {
      for (size_t k : ann.sentences[s].parties) {
        const std::string& c = ann.parties[k].code;
        if (IsBelarusSide(c) && c != "BY" && c != "BY-HM") ++named[c];
      }
    }
    int best = 0;
    for (const auto& [code, count] : named) {
      if (count > best) {
        best = count;
        ctx.home_oblast = code;
      }
    }
  }
  const double by_country_lead = lead_score.count("BY") ? lead_score["BY"] : 0.0;
  if (!best_by_oblast.empty() && best_oblast_score >= by_country_lead && !best_partner.empty()) {
    ctx.home = best_by_oblast;
  }
  // Minsk city is the side when its own authorities speak and no national leader does
  bool national_in_lead = false;
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    national_in_lead |= ctx.person_party[i] == "BY" && ann.persons[i].start < (lead_end < n ? doc.sentences[lead_end].start : doc.text.size());
  }
  if (minsk_authority && !national_in_lead && ctx.home == "BY") ctx.home = "BY-HM";
  if (by_lead == 0 && by_score < 2.0) {
    // a text with no Belarusian side: the two most salient other parties, neither containing the
    // other («Омская область» and «Казахстан», «Якутия» and «Новосибирская область», Russia and China)
    const std::string partner_country = best_partner.substr(0, 2);
    std::string second;
    double second_score = 0;
    for (const auto& [code, v] : score) {
      if (IsBelarusSide(code) || code == best_partner) continue;
      if (IsCountry(code) && code == partner_country) continue;
      if (!IsCountry(code) && IsCountry(best_partner) && code.substr(0, 2) == best_partner) continue;
      if (v > second_score) {
        second_score = v;
        second = code;
      }
    }
    if (!second.empty() && (IsCountry(best_partner) || second_score >= 2.0)) ctx.home = second;
  }
  // «губернатор области Василий Юрченко», «губернатор Андрей Клычков»: the
  // region of the role's country named last before the person and not held by
  // another person of the same sentence, else the document's partner (or its
  // home oblast for an oblast chairman).
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    if (!anaphoric[i] || !ctx.person_party[i].empty()) continue;
    const int ri = ctx.person_role_mention[i];
    const int side = ri >= 0 ? RegionSide(ann.roles[static_cast<size_t>(ri)].role_id) : 0;
    const uint32_t at = ann.persons[i].start;
    std::set<std::string, std::less<>> taken;
    const auto st = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), at,
                                     [](uint32_t b, const Sentence& x) { return b < x.end; });
    if (st != doc.sentences.end() && st->start <= at) {
      for (size_t j : ann.sentences[static_cast<size_t>(st - doc.sentences.begin())].persons) {
        if (j != i && !ctx.person_party[j].empty()) taken.insert(ctx.person_party[j]);
      }
    }
    // the region mentions before the person, nearest first (at most kLookBack of them)
    constexpr size_t kLookBack = 200;
    std::string found;
    const size_t before = static_cast<size_t>(
        std::lower_bound(ann.parties.begin(), ann.parties.end(), at,
                         [](const lang::PartyMention& m, uint32_t b) { return m.start < b; }) -
        ann.parties.begin());
    for (size_t k = side == 0 ? 0 : before, steps = 0; k-- > 0 && steps++ < kLookBack;) {
      const auto& m = ann.parties[k];
      if (m.start >= at || !ctx.PartyUsable(k) || taken.count(m.code)) continue;
      const bool russian = m.code.rfind("RU-", 0) == 0;
      const bool oblast = m.code.rfind("BY-", 0) == 0 && m.code != "BY-HM";
      const bool abroad = !russian && !IsBelarusSide(m.code) && !IsCountry(m.code);  // «хоким области»
      if ((side == 1 && russian) || (side == 2 && oblast) || (side == 3 && abroad) ||
          (side == 0 && (russian || oblast))) {
        found = m.code;
        break;
      }
    }
    // else the document's side of that level: its partner for a role of no
    // particular level («глава администрации области»)
    if (found.empty()) {
      if (side == 2) found = ctx.home != "BY" ? ctx.home : "";
      else if (side == 1) found = ctx.partner.rfind("RU-", 0) == 0 ? ctx.partner : "";
      else if (side == 3) found = IsBelarusSide(ctx.partner) ? "" : ctx.partner;  // an akim with no region: his country
      else found = ctx.partner;
    }
    ctx.person_party[i] = found;
  }
  if (!doc.published) ctx.current_year = FindCurrentYear(ctx);
  // The owner: in the title or lead, a party followed by «с» and partners that include Belarus
  // («Саратовской области с Ираном и Беларусью»), the party itself not Belarusian.
  for (size_t s = 0; s < lead_end && ctx.owner.empty(); ++s) {
    const auto& ps = ann.sentences[s].parties;
    for (size_t i = 0; i + 1 < ps.size(); ++i) {
      const size_t p = ps[i], q = ps[i + 1];
      const auto& pm = ann.parties[p];
      if (IsBelarusSide(pm.code) || pm.kind == lang::PlaceKind::kAdjective || !(ctx.party_flags[p] & DocContext::kPartyUsable) ||
          (ctx.party_flags[p] & (DocContext::kPartyAfterWith | DocContext::kPartyPlace | DocContext::kPartyInMoney))) {
        continue;
      }
      if (!(ctx.party_flags[q] & DocContext::kPartyAfterWith) || ctx.party_token[q] > ctx.party_token[p] + 4) continue;
      // the partners: q and the mentions coordinated with it («с Ираном и Беларусью»)
      bool belarus_partner = false;
      for (size_t j = i + 1; j < ps.size() && ctx.party_token[ps[j]] <= ctx.party_token[q] + 6; ++j) {
        belarus_partner |= IsBelarusSide(ann.parties[ps[j]].code);
      }
      if (belarus_partner) {
        ctx.owner = pm.code;
        break;
      }
    }
  }

  // --- speakers ----------------------------------------------------------------
  // The people are in text order. Each question below asks for the last of
  // some people at or before an offset, so the people are listed once by
  // side and by role, and each answer is a binary search (a scan of every
  // person per quotation was quadratic in a long text of attributed quotes).
  auto starts_by = [&](const std::vector<size_t>& list, uint32_t at) {
    // how many people of the list start at or before `at`
    return static_cast<size_t>(std::upper_bound(list.begin(), list.end(), at,
                                                [&](uint32_t b, size_t i) { return b < ann.persons[i].start; }) -
                               list.begin());
  };
  std::vector<size_t> side_people[2];  // people with a party: [0] not Belarusian, [1] Belarusian
  std::unordered_map<std::string_view, std::vector<size_t>> role_people;  // role -> its people
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    if (!ctx.person_party[i].empty()) side_people[IsBelarusSide(ctx.person_party[i]) ? 1 : 0].push_back(i);
    if (!ctx.person_role[i].empty()) role_people[ctx.person_role[i]].push_back(i);
  }
  auto last_of_side = [&](bool by, uint32_t at) -> std::optional<size_t> {
    const std::vector<size_t>& list = side_people[by ? 1 : 0];
    const size_t k = starts_by(list, at);
    if (k == 0) return std::nullopt;
    return list[k - 1];
  };
  auto last_person_before = [&](uint32_t at) -> std::string {
    // a person starting after `at` also ends after it
    const auto after = std::upper_bound(ann.persons.begin(), ann.persons.end(), at,
                                        [](uint32_t b, const lang::PersonMention& p) { return b < p.start; });
    for (size_t i = static_cast<size_t>(after - ann.persons.begin()); i-- > 0;) {
      if (ann.persons[i].end <= at) return ctx.PersonName(i);
    }
    return {};
  };
  auto person_for_role = [&](const lang::RoleMention& r, uint32_t at) -> std::string {
    // «глава белорусского правительства», «глава российского региона»: the side named after the
    // role (the first party mention starting after it, when within 40 bytes)
    const auto m = std::lower_bound(ann.parties.begin(), ann.parties.end(), r.end,
                                    [](const lang::PartyMention& p, uint32_t b) { return p.start < b; });
    if (m != ann.parties.end() && m->start <= r.end + 40) {
      if (const auto i = last_of_side(IsBelarusSide(m->code), at)) return ctx.PersonName(*i);
    }
    // the last person before with the same role
    if (auto it = role_people.find(r.role); it != role_people.end()) {
      const size_t k = starts_by(it->second, at);
      if (k > 0) {
        std::string found = ctx.PersonName(it->second[k - 1]);
        if (!found.empty()) return found;
      }
    }
    // «белорусский лидер», «глава государства»: the Belarusian principal named before
    const auto i = last_of_side(IsHeadOfStateRole(r.role_id), at);
    return i ? ctx.PersonName(*i) : std::string();
  };
  // The speaker of the nearest earlier sentence that has one (kept as the
  // sentences are attributed in order, rather than searched for backwards
  // from each: that was quadratic in a text of many pronoun-attributed quotes).
  std::string last_speaker;
  // Speaker named in sentence s around its speech cue.
  auto attribution = [&](size_t s) -> std::string {
    const SentenceMentions& sm = ann.sentences[s];
    for (size_t ci : sm.cues) {
      const CueMention& c = ann.cues[ci];
      if (c.cue != Cue::kSpeech) continue;
      const uint32_t cue_at = toks[c.token].start;
      // a person within 8 tokens of the cue, after it first
      std::string best;
      size_t best_dist = 9;
      for (size_t pi : sm.persons) {
        const size_t pt = TokenAt(ann, ann.persons[pi].start);
        const size_t dist = pt > c.token ? pt - c.token : (c.token - pt) + 1;
        if (dist < best_dist) {
          best_dist = dist;
          best = ctx.PersonName(pi);
        }
      }
      if (!best.empty()) return best;
      for (size_t ri : sm.roles) {
        const auto& r = ann.roles[ri];
        const size_t rt = TokenAt(ann, r.start);
        if ((rt > c.token ? rt - c.token : c.token - rt) <= 8) {
          std::string p = person_for_role(r, cue_at);
          if (!p.empty()) return p;
        }
      }
      for (size_t t = c.token > 3 ? c.token - 3 : 0; t < std::min<size_t>(sm.end_token, c.token + 4); ++t) {
        if (t >= sm.first_token && IsPronoun(toks[t].fold)) {
          if (!last_speaker.empty()) return last_speaker;
          return last_person_before(cue_at);
        }
      }
    }
    return {};
  };
  for (size_t s = 0; s < n; ++s) {
    ctx.sentence_speaker[s] = attribution(s);
    if (!ctx.sentence_speaker[s].empty()) last_speaker = ctx.sentence_speaker[s];
  }
  // quotations take the speaker of the sentence that introduces or follows them
  for (const Span& q : ctx.quotes) {
    std::string who;
    size_t first = n, last = 0;
    // The sentences overlapping the quotation: sentences are in text order
    // and do not overlap, so they start at the first that ends after q.start
    // (a binary search: a scan of every sentence per quotation was quadratic).
    const auto from = std::partition_point(doc.sentences.begin(), doc.sentences.end(),
                                           [&](const Sentence& st) { return st.end <= q.start; });
    for (size_t s = static_cast<size_t>(from - doc.sentences.begin()); s < n && doc.sentences[s].start < q.end; ++s) {
      first = std::min(first, s);
      last = std::max(last, s);
    }
    if (first == n) continue;
    // text after the closing mark in the last sentence, or the next sentence, or the one before
    if (doc.sentences[last].end > q.end + 2) who = ctx.sentence_speaker[last];
    if (who.empty() && last + 1 < n) who = ctx.sentence_speaker[last + 1];
    if (who.empty() && doc.sentences[first].start + 2 < q.start) who = ctx.sentence_speaker[first];
    if (who.empty() && first > 0 && doc.sentences[first - 1].paragraph == doc.sentences[first].paragraph) {
      who = ctx.sentence_speaker[first - 1];
    }
    if (who.empty()) continue;
    for (size_t s = first; s <= last; ++s) {
      if (ctx.sentence_speaker[s].empty() || ctx.InQuotation(doc.sentences[s].start)) ctx.sentence_speaker[s] = who;
    }
  }
  // Direct speech set off by dashes: a paragraph that opens with «–» or «—» is
  // the words of the person its attribution names («– Мы нарастили торговлю.
  // Экспорт вырос, – отметил губернатор. – И это не предел»), before and after it.
  for (size_t s = 0; s < n;) {
    const uint32_t para = doc.sentences[s].paragraph;
    size_t end = s;
    while (end < n && doc.sentences[end].paragraph == para) ++end;
    const size_t t = TokenAt(ann, doc.sentences[s].start);
    if (t < toks.size() && toks[t].kind == segment::TokenKind::kPunct &&
        (toks[t].fold == "–" || toks[t].fold == "—" || toks[t].fold == "-")) {
      std::string who;
      for (size_t k = s; k < end && who.empty(); ++k) who = ctx.sentence_speaker[k];
      for (size_t k = s; k < end && !who.empty(); ++k) {
        if (ctx.sentence_speaker[k].empty()) ctx.sentence_speaker[k] = who;
      }
    }
    s = end;
  }
  return ctx;
}

std::vector<PersonInfo> DescribePersons(const Lexicons& lex, const Document& doc, const Annotations& a) {
  const DocContext ctx = BuildContext(lex, doc, a);
  std::vector<PersonInfo> out;
  out.reserve(a.persons.size());
  for (size_t i = 0; i < a.persons.size(); ++i) {
    out.push_back({ctx.PersonName(i), ctx.PersonFullName(i), ctx.person_role[i], ctx.person_party[i],
                   !a.persons[i].official_name.empty()});
  }
  return out;
}

Evidence SentenceEvidence(const DocContext& ctx, size_t s) {
  const Sentence& st = ctx.doc->sentences[s];
  return Evidence{std::string(), Span{st.start, st.end}};
}

void FillEvidenceText(const Document& doc, std::vector<Fact>& facts, std::vector<Rejection>& rejected) {
  for (Fact& f : facts) {
    if (f.evidence.text.empty()) f.evidence.text = std::string(doc.Slice(f.evidence.span));
  }
  for (Rejection& r : rejected) {
    if (r.evidence.text.empty()) r.evidence.text = std::string(doc.Slice(r.evidence.span));
  }
}

}  // namespace oborot::facts
