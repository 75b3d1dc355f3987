// Official meetings. A sentence with a meeting cue (встреча, переговоры,
// принял, обсудил, заседание, визит…) outside a quotation reports a meeting;
// future ones («встретится») are plans and are skipped. Its sides come from
// the people it names (their roles and parties are resolved in discourse.cc),
// from a role without a name («Глава государства провёл встречу»), from a
// delegation («принял делегацию посольства Беларуси») and from a subject
// pronoun («Он встретился с …»: the previous sentence's principal). When a
// side is still missing, the next sentences of the same report may name it
// («В мероприятии участвовали …»), and a side known only by a role gets the
// principal the document names for it elsewhere. A meeting with no
// Belarusian side is a fact too when both sides are named people. One person
// meeting people of two other sides («встретился с послами Ирана и
// Беларуси») makes two meetings.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

bool InQuote(const DocContext& ctx, uint32_t at) { return ctx.InsideQuotationMarks(at); }

bool IsHeadOfGovernment(std::string_view id) {
  return id == "president" || id == "head_of_state" || id == "leader" || id == "prime_minister" ||
         id == "head_of_government";
}

// The meeting's date from the sentence, or nullopt; `explicit_date` tells
// whether the text gave it. Of several dates the one nearest the cue at
// byte `cue_at` comes first («12:09 13.03.2026 Посол … 12 марта 2026 г.
// встретился»: the site's stamp opens the sentence, the meeting's day is
// next to its verb).
std::optional<Date> MeetingDate(const DocContext& ctx, size_t s, uint32_t cue_at, bool lead, bool& explicit_date) {
  const Document& doc = *ctx.doc;
  const auto& pub = doc.published;
  explicit_date = true;
  using K = expr::DateExpr::Kind;
  bool pastish = false;
  std::vector<const expr::DateExpr*> dates;
  for (const auto& d : ctx.ann->sentences[s].dates) dates.push_back(&d);
  auto distance = [&](const expr::DateExpr* d) {
    return d->end <= cue_at ? cue_at - d->end : d->start >= cue_at ? d->start - cue_at : 0u;
  };
  std::stable_sort(dates.begin(), dates.end(),
                   [&](const expr::DateExpr* x, const expr::DateExpr* y) { return distance(x) < distance(y); });
  for (const expr::DateExpr* dp : dates) {
    const expr::DateExpr& d = *dp;
    // the dateline («САМАРА, 8 июн — …») dates the report, not the meeting
    if (doc.dateline && d.month == doc.dateline->month && d.day == doc.dateline->day && d.kind == K::kDayMonth) {
      const auto& para = doc.paragraphs[doc.sentences[s].paragraph];
      if (d.start < para.start + 60) continue;
    }
    switch (d.kind) {
      case K::kFullDate: {
        Date out{d.year, d.month, d.day};
        if (out.valid()) return out;
        break;
      }
      case K::kDayMonth:
        if (pub) {
          Date out{pub->year, d.month, d.day};
          if (!out.valid()) break;
          // «28 декабря» in a January article is last year's
          if (out.DayNumber() - pub->DayNumber() > 60) out.year -= 1;
          return out;
        }
        // no publication date: the current year the text fixes («6 октября» in a text on 2023)
        if (ctx.current_year) {
          Date out{*ctx.current_year, d.month, d.day};
          if (out.valid()) return out;
        }
        return std::nullopt;
      case K::kWeekday:
        // «в четверг, 31 марта 2022 года»: the weekday only names the day the date after it gives
        if (std::any_of(dates.begin(), dates.end(), [&](const expr::DateExpr* o) {
              return (o->kind == K::kFullDate || o->kind == K::kDayMonth) && o->start >= d.end && o->start <= d.end + 3;
            })) {
          continue;
        }
        if (pub && d.weekday >= 0) {
          const int back = (pub->Weekday() - d.weekday + 7) % 7;
          return Date::FromDayNumber(pub->DayNumber() - back);
        }
        return std::nullopt;
      case K::kRelativeDay:
        if (pub && d.relative >= -6 && d.relative <= 0) return Date::FromDayNumber(pub->DayNumber() + d.relative);
        pastish = true;
        break;
      default:
        pastish = true;
        break;
    }
  }
  explicit_date = false;
  // a meeting reported in the lead with no other time is today's news
  if (lead && !pastish && pub) return *pub;
  return std::nullopt;
}

// What one report says about a meeting: its people and the sides known
// without a name.
struct Sides {
  std::vector<Participant> people;  // named participants with a party, in text order
  std::vector<std::string> unnamed;  // sides known by a role or a delegation only
  bool Has(std::string_view party) const {
    return std::any_of(people.begin(), people.end(), [&](const Participant& p) { return p.party == party; }) ||
           std::find(unnamed.begin(), unnamed.end(), party) != unnamed.end();
  }
  bool HasBelarus() const {
    return std::any_of(people.begin(), people.end(), [](const Participant& p) { return IsBelarusSide(p.party); }) ||
           std::any_of(unnamed.begin(), unnamed.end(), [](const std::string& p) { return IsBelarusSide(p); });
  }
  // Distinct sides: Belarus and its oblasts count as one side, as does each other party.
  size_t Count() const {
    std::string_view seen[8];
    size_t n = 0;
    auto add = [&](std::string_view party) {
      const std::string_view side = IsBelarusSide(party) ? std::string_view("BY") : party;
      if (std::find(seen, seen + n, side) == seen + n && n < std::size(seen)) seen[n++] = side;
    };
    for (const auto& p : people) add(p.party);
    for (const auto& u : unnamed) add(u);
    return n;
  }
  void AddPerson(Participant p) {
    if (std::none_of(people.begin(), people.end(), [&](const Participant& x) { return x.name == p.name; })) {
      people.push_back(std::move(p));
    }
  }
};

class MeetingFinder {
 public:
  explicit MeetingFinder(const DocContext& ctx) : ctx_(ctx), a_(*ctx.ann), doc_(*ctx.doc) {
    role_has_person_.assign(a_.roles.size(), false);
    for (int r : ctx.person_role_mention) {
      if (r >= 0) role_has_person_[static_cast<size_t>(r)] = true;
    }
    for (size_t pi = 0; pi < a_.persons.size(); ++pi) {
      if (!ctx.person_party[pi].empty() && !InQuote(ctx, a_.persons[pi].start)) by_party_[ctx.person_party[pi]].push_back(pi);
    }
    for (const auto& m : a_.parties) names_belarus_ |= IsBelarusSide(m.code);
  }

  // The document names Belarus or one of its regions somewhere: only then
  // can a side be Belarusian without being named in the sentence.
  bool NamesBelarus() const { return names_belarus_; }

  // The people of sentence s with a known party, outside quotations; the
  // names with no party go to `unplaced`.
  void AddPeople(size_t s, Sides& out, std::vector<Participant>* unplaced = nullptr, bool quoted = false) const {
    for (size_t pi : a_.sentences[s].persons) {
      if (!quoted && InQuote(ctx_, a_.persons[pi].start)) continue;
      if (ctx_.person_party[pi].empty()) {
        if (unplaced) unplaced->push_back({ctx_.PersonName(pi), ctx_.person_role[pi], ""});
        continue;
      }
      out.AddPerson({ctx_.PersonName(pi), ctx_.person_role[pi], ctx_.person_party[pi]});
    }
  }

  // Sides named by a role with no name after it, or by a delegation.
  void AddUnnamed(size_t s, Sides& out) const {
    const SentenceMentions& sm = a_.sentences[s];
    for (size_t ri : sm.roles) {
      const auto& r = a_.roles[ri];
      if (InQuote(ctx_, r.start) || RoleHasPerson(ri) || OfCompanies(sm, r.end, 40)) continue;
      std::string side = PartyAfter(sm, r.end, 40);
      if (side.empty()) side = AdjectiveBefore(sm, r.start);
      if (side.empty()) {
        const std::string role = FoldCase(doc_.Slice(Span{r.start, r.end}));
        if (role.find("белорус") != std::string::npos) side = "BY";
      }
      // «Глава государства провёл встречу» in a Belarusian report
      if (side.empty() && IsHeadOfGovernment(r.role_id) && IsBelarusSide(ctx_.home) && names_belarus_) side = "BY";
      if (!side.empty() && std::find(out.unnamed.begin(), out.unnamed.end(), side) == out.unnamed.end()) {
        out.unnamed.push_back(side);
      }
    }
    for (size_t ci : sm.cues) {
      const CueMention& c = a_.cues[ci];
      // «переговоры вице-премьеров двух стран»: the document's two sides
      if (c.cue == Cue::kBothSides && IsBelarusSide(ctx_.home) && names_belarus_ && !ctx_.partner.empty() &&
          !InQuote(ctx_, a_.tokens[c.token].start)) {
        for (const std::string& side : {ctx_.home, ctx_.partner}) {
          if (std::find(out.unnamed.begin(), out.unnamed.end(), side) == out.unnamed.end()) out.unnamed.push_back(side);
        }
        continue;
      }
      if (c.cue != Cue::kDelegation) continue;
      const auto& tok = a_.tokens[c.token];
      std::string side = PartyAfter(sm, tok.end, 40);
      if (side.empty()) side = AdjectiveBefore(sm, tok.start);
      // «с руководством РУП «Белтаможсервис»»: an organisation of known country
      for (size_t oi : sm.orgs) {
        const auto& o = a_.orgs[oi];
        if (side.empty() && o.start >= tok.end && o.start <= tok.end + 40 && !o.country.empty()) side = o.country;
      }
      if (!side.empty() && std::find(out.unnamed.begin(), out.unnamed.end(), side) == out.unnamed.end()) {
        out.unnamed.push_back(side);
      }
    }
  }

  // «Он встретился с …», «Встретился также с …»: the principal of the
  // sentences before, when the sentence opens with a pronoun or its cue.
  void AddSubject(size_t s, Sides& out) const {
    const SentenceMentions& sm = a_.sentences[s];
    size_t t = sm.first_token;
    while (t < sm.end_token && a_.tokens[t].kind != segment::TokenKind::kWord) ++t;
    if (t >= sm.end_token) return;
    const std::string_view f = a_.tokens[t].fold;
    const bool pronoun = f == "он" || f == "она";
    bool cue_first = false;
    for (size_t ci : sm.cues) cue_first |= a_.cues[ci].token == t && a_.cues[ci].cue == Cue::kMeeting;
    if (!pronoun && !cue_first) return;
    for (size_t prev = s; prev-- > 0 && prev + 3 > s;) {
      for (size_t pi : a_.sentences[prev].persons) {
        if (InQuote(ctx_, a_.persons[pi].start) || ctx_.person_party[pi].empty()) continue;
        out.AddPerson({ctx_.PersonName(pi), ctx_.person_role[pi], ctx_.person_party[pi]});
        return;
      }
    }
  }

  // The token of a city's name after «в», «во» at token t, also after
  // «городе» and an adjective before it («в китайском городе Циндао»), or
  // SIZE_MAX; `after_noun` tells whether «городе» stood before it.
  size_t NameAfterIn(size_t t, size_t end, bool& after_noun) const {
    after_noun = false;
    const std::string_view f = a_.tokens[t].fold;
    if (f != "в" && f != "во") return SIZE_MAX;
    size_t k = t + 1;
    if (k < end && !a_.tokens[k].upper_initial && k + 1 < end &&
        ctx_.lex->HasWordClass(a_.tokens[k + 1].fold, Cue::kCityNoun)) {
      ++k;  // the adjective: «китайском»
    }
    if (k < end && ctx_.lex->HasWordClass(a_.tokens[k].fold, Cue::kCityNoun)) {
      ++k;
      after_noun = true;
    } else if (k + 2 < end && a_.tokens[k].fold == "г" && a_.tokens[k + 1].fold == ".") {
      k += 2;  // «в г. Малабо»: the abbreviation of «городе»
      after_noun = true;
    }
    return k < end && a_.tokens[k].upper_initial ? k : SIZE_MAX;
  }

  // The place of two or three words after «в»/«во» at token t that
  // venues.tsv lists, or nullptr.
  const std::string* VenueAfter(size_t t, size_t end) const {
    const std::string_view f = a_.tokens[t].fold;
    if (f != "в" && f != "во") return nullptr;
    std::string name;
    const std::string* found = nullptr;
    for (size_t k = t + 1; k < end && k <= t + 3 && a_.tokens[k].kind == segment::TokenKind::kWord; ++k) {
      if (!name.empty()) name += ' ';
      name += a_.tokens[k].fold;
      if (k == t + 1) continue;  // one word: a city, read by the caller
      if (auto it = ctx_.lex->foreign_cities.find(name); it != ctx_.lex->foreign_cities.end()) found = &it->second;
    }
    return found;
  }

  // «в Минске», «в Махачкале», «посетил Минск», «в Ташкенте», «в городе
  // Циндао»: a city in sentence s.
  std::string PlaceIn(size_t s) const {
    const SentenceMentions& sm = a_.sentences[s];
    // a city abroad (data/lexicons/foreign_cities.tsv), hyphenated names joined: «в Абу-Даби»
    const auto& cities = ctx_.lex->foreign_cities;
    std::string abroad;
    uint32_t abroad_at = UINT32_MAX;
    for (size_t t = sm.first_token; t + 1 < sm.end_token; ++t) {
      bool after_noun = false;
      const size_t nt = NameAfterIn(t, sm.end_token, after_noun);
      if (InQuote(ctx_, a_.tokens[t].start)) continue;
      // a residence or a capital of two or three words (data/lexicons/venues.tsv):
      // «во Дворце Независимости», «в белорусской столице», «в столице Казахстана»
      if (const std::string* venue = VenueAfter(t, sm.end_token)) {
        abroad = *venue;
        abroad_at = a_.tokens[t].start;
        break;
      }
      if (nt == SIZE_MAX) continue;
      std::string name(a_.tokens[nt].fold);
      size_t last = nt;
      for (size_t k = nt + 1; k + 1 < sm.end_token && a_.tokens[k].fold == "-" && !a_.tokens[k].space_before &&
                              !a_.tokens[k + 1].space_before;
           k += 2) {
        name += '-';
        name += a_.tokens[k + 1].fold;
        last = k + 1;
      }
      if (auto it = cities.find(name); it != cities.end()) {
        abroad = it->second;
        abroad_at = a_.tokens[t].start;
        break;
      }
      // «в городе Медынь»: after the noun a city's name stands as written (a
      // gazetteer's city is read below, in its nominative)
      if (after_noun && !IsPartyAt(sm, a_.tokens[nt].start)) {
        abroad = std::string(doc_.Slice(Span{a_.tokens[nt].start, a_.tokens[last].end}));
        abroad_at = a_.tokens[t].start;
        break;
      }
    }
    for (size_t k : sm.parties) {
      const auto& m = a_.parties[k];
      if (m.kind != lang::PlaceKind::kCity || m.city.empty() || InQuote(ctx_, m.start)) continue;
      if (m.start > abroad_at) break;  // the city abroad comes first
      const size_t t = TokenAt(a_, m.start);
      if (t > 0 && (a_.tokens[t - 1].fold == "в" || a_.tokens[t - 1].fold == "во")) return m.city;
      const bool abbreviated = t > 2 && a_.tokens[t - 1].fold == "." && a_.tokens[t - 2].fold == "г";  // «в г. Минске»
      if (t > 0 && (ctx_.lex->HasWordClass(a_.tokens[t - 1].fold, Cue::kCityNoun) || abbreviated) && t > 1) {
        bool after_noun = false;
        for (size_t b = t - 1; b-- > 0 && b + 4 > t;) {
          if (NameAfterIn(b, sm.end_token, after_noun) == t && after_noun) return m.city;
        }
      }
      for (size_t ci : sm.cues) {
        const CueMention& c = a_.cues[ci];
        if (c.cue == Cue::kVisit && c.token < t && t - c.token <= 2) return m.city;
      }
    }
    if (!abroad.empty()) return abroad;
    // «на Петербургском международном экономическом форуме»: the event's city
    const auto& venues = ctx_.lex->venue_adjectives;
    for (size_t t = sm.first_token; t + 1 < sm.end_token; ++t) {
      auto it = venues.find(a_.tokens[t].fold);
      if (it == venues.end() || InQuote(ctx_, a_.tokens[t].start)) continue;
      for (size_t k = t + 1; k < sm.end_token && k <= t + 4; ++k) {
        if (ctx_.lex->HasWordClass(a_.tokens[k].fold, Cue::kEventNoun)) return it->second;
      }
    }
    return {};
  }

  // The nearest person of any Belarusian oblast or Minsk city, as PrincipalOf.
  std::optional<Participant> PrincipalOfBelarus(size_t s) const {
    std::optional<Participant> best;
    uint64_t best_dist = UINT64_MAX;
    for (const auto& [party, people] : by_party_) {
      if (!IsBelarusSide(party) || party == "BY") continue;
      uint64_t dist = UINT64_MAX;
      auto p = Nearest(people, s, dist);
      if (p && dist < best_dist) {
        best = std::move(p);
        best_dist = dist;
      }
    }
    return best;
  }

  // The person of this party the document names nearest to sentence s
  // (before it first), for a side the sentence knows only by a role.
  std::optional<Participant> PrincipalOf(std::string_view party, size_t s) const {
    auto it = by_party_.find(std::string(party));
    if (it == by_party_.end()) return std::nullopt;
    uint64_t dist = 0;
    return Nearest(it->second, s, dist);
  }

 private:
  // The nearest of `people` (sorted by position) to sentence s, before it
  // first (one after it costs double); `dist` gets its weighted distance.
  std::optional<Participant> Nearest(const std::vector<size_t>& people, size_t s, uint64_t& dist) const {
    const uint32_t at = doc_.sentences[s].start;
    // the nearest before the sentence and the first after it; after costs double
    const auto next = std::lower_bound(people.begin(), people.end(), at,
                                       [&](size_t pi, uint32_t b) { return a_.persons[pi].start < b; });
    std::optional<size_t> best;
    uint64_t best_dist = UINT64_MAX;
    if (next != people.begin()) {
      best = *std::prev(next);
      best_dist = at - a_.persons[*best].start;
    }
    if (next != people.end() && 2ull * (a_.persons[*next].start - at) < best_dist) {
      best = *next;
      best_dist = 2ull * (a_.persons[*next].start - at);
    }
    if (!best) return std::nullopt;
    dist = best_dist;
    return Participant{ctx_.PersonName(*best), ctx_.person_role[*best], ctx_.person_party[*best]};
  }

  bool RoleHasPerson(size_t ri) const { return role_has_person_[ri]; }
  bool IsPartyAt(const SentenceMentions& sm, uint32_t at) const {
    return std::any_of(sm.parties.begin(), sm.parties.end(), [&](size_t k) { return a_.parties[k].start == at; });
  }
  std::string PartyAfter(const SentenceMentions& sm, uint32_t from, uint32_t within) const {
    for (size_t k : sm.parties) {
      const auto& m = a_.parties[k];
      if (m.start >= from && m.start <= from + within && ctx_.PartyUsable(k)) return m.code;
    }
    return {};
  }
  // «с руководителями цзянсуских компаний»: the first party after a role is an adjective on a word
  // for companies; heads of firms are no side of a meeting of officials (their region's name on the
  // firms does not make the region one)
  bool OfCompanies(const SentenceMentions& sm, uint32_t from, uint32_t within) const {
    for (size_t k : sm.parties) {
      const auto& m = a_.parties[k];
      if (m.start < from || m.start > from + within || !ctx_.PartyUsable(k)) continue;
      const size_t t = TokenAt(a_, m.end);
      return m.kind == lang::PlaceKind::kAdjective && t < a_.tokens.size() &&
             ctx_.lex->HasWordClass(a_.tokens[t].fold, Cue::kCompanyNoun);
    }
    return false;
  }
  std::string AdjectiveBefore(const SentenceMentions& sm, uint32_t at) const {
    const size_t t = TokenAt(a_, at);
    for (size_t k : sm.parties) {
      const auto& m = a_.parties[k];
      if (m.kind != lang::PlaceKind::kAdjective || m.end > at) continue;
      if (t == TokenAt(a_, m.end)) return m.code;
    }
    return {};
  }

  const DocContext& ctx_;
  const Annotations& a_;
  const Document& doc_;
  std::vector<bool> role_has_person_;                 // per role: some person stands in apposition to it
  std::map<std::string, std::vector<size_t>> by_party_;  // party -> its people outside quotations, in order
  bool names_belarus_ = false;
};

// The person an interview is with: a name with a party followed by a colon
// in the first sentences («Глава региона Имя Фамилия: …» as the headline),
// or SIZE_MAX.
size_t Interviewee(const DocContext& ctx) {
  const Annotations& a = *ctx.ann;
  for (size_t s = 0; s < a.sentences.size() && s < ctx.body_start_sentence + 3; ++s) {
    for (size_t pi : a.sentences[s].persons) {
      const size_t t = TokenAt(a, a.persons[pi].end);
      if (t < a.tokens.size() && a.tokens[t].fold == ":" && !ctx.person_party[pi].empty()) return pi;
    }
  }
  return SIZE_MAX;
}

struct Pending {
  Fact fact;
  bool explicit_date = false;
};

// The pairs a report's sides make: one pair, or the first person's side with
// each other side when the people stand for three or more.
std::vector<std::pair<std::string, std::string>> Pairs(const DocContext& ctx, const Sides& sides) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::string> named;  // distinct parties of named people, in order
  for (const auto& p : sides.people) {
    if (std::find(named.begin(), named.end(), p.party) == named.end()) named.push_back(p.party);
  }
  auto add = [&](std::string x, std::string y) {
    if (x == y || x.empty() || y.empty()) return;
    if (IsBelarusSide(x) && IsBelarusSide(y)) return;
    // a country and its own region: officials of one side
    if (y.rfind(x + "-", 0) == 0 || x.rfind(y + "-", 0) == 0) return;
    if (x > y) std::swap(x, y);
    if (std::find(out.begin(), out.end(), std::make_pair(x, y)) == out.end()) out.emplace_back(x, y);
  };
  if (named.size() >= 3) {
    for (size_t k = 1; k < named.size(); ++k) add(named[0], named[k]);
    return out;
  }
  if (sides.HasBelarus()) {
    std::string home, partner;
    for (const auto& p : sides.people) {
      if (IsBelarusSide(p.party)) {
        if (home.empty() || home == "BY") home = (p.party == "BY-HM" && ctx.home != "BY-HM") ? "BY" : p.party;
      } else if (partner.empty()) {
        partner = p.party;
      }
    }
    for (const auto& u : sides.unnamed) {
      if (IsBelarusSide(u)) {
        if (home.empty()) home = u;
      } else if (partner.empty()) {
        partner = u;
      }
    }
    if (home == "BY" && IsBelarusSide(ctx.home) && ctx.home != "BY" && ctx.home != "BY-HM" &&
        std::none_of(sides.people.begin(), sides.people.end(), [](const Participant& p) { return p.party == "BY"; })) {
      home = ctx.home;  // a delegation of the oblast the report is about
    }
    // «с российским губернатором» in a report on one region; a named federal official stays RU
    const bool named_ru =
        std::any_of(sides.people.begin(), sides.people.end(), [](const Participant& p) { return p.party == "RU"; });
    if (partner == "RU" && !named_ru && ctx.partner.rfind("RU-", 0) == 0) partner = ctx.partner;
    add(home, partner);
    return out;
  }
  // no Belarusian side: two sides, both named
  if (named.size() == 2) add(named[0], named[1]);
  return out;
}

}  // namespace

void ExtractMeetings(const DocContext& ctx, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  const MeetingFinder finder(ctx);
  const size_t n = a.sentences.size();
  std::vector<Pending> found;
  std::map<std::string, size_t> speaker_party;  // a person's name -> a mention of it with a party
  size_t interviewee = SIZE_MAX - 1;  // not looked for yet; SIZE_MAX: none
  // the paragraph that opens with the dateline («МИНСК, 4 ноября. /ТАСС/. …»)
  int dateline_paragraph = -1;
  if (!doc.dateline_city.empty()) {
    const std::string city = FoldCase(doc.dateline_city);
    for (size_t p = 0; p < doc.paragraphs.size() && dateline_paragraph < 0; ++p) {
      // «МИНСК, 4 ноября. …» or, date first, «31 июля, Лида /Корр. БЕЛТА/. …»
      const std::string head = FoldCase(doc.Slice(doc.paragraphs[p]).substr(0, city.size() + 24));
      // (the city as a whole word: «Гомельская область …» is no dateline of Гомель)
      const bool opens = head.rfind(city, 0) == 0 && head.size() > city.size() &&
                         static_cast<unsigned char>(head[city.size()]) < 0x80 && !std::isalnum(static_cast<unsigned char>(head[city.size()]));
      if (opens || head.find(", " + city + " /") != std::string::npos) {
        dateline_paragraph = static_cast<int>(p);
      }
    }
  }
  // the sentences that tell of a visit (the first kMaxVisits: a cap that keeps
  // the place search linear in the meetings), found when a meeting needs them
  constexpr size_t kMaxVisits = 32;
  std::vector<size_t> visits;
  bool visits_found = false;
  auto find_visits = [&] {
    for (size_t k = 0; k < n && visits.size() < kMaxVisits; ++k) {
      if (!ctx.in_other_story[k] && HasCue(a, a.sentences[k], Cue::kVisit)) visits.push_back(k);
    }
    visits_found = true;
  };
  for (size_t s = 0; s < n; ++s) {
    const SentenceMentions& sm = a.sentences[s];
    if (ctx.in_other_story[s] || HasCue(a, sm, Cue::kFutureMeeting)) continue;
    const CueMention* cue = nullptr;
    for (size_t ci : sm.cues) {
      if (a.cues[ci].cue == Cue::kMeeting && !InQuote(ctx, a.tokens[a.cues[ci].token].start)) {
        cue = &a.cues[ci];
        break;
      }
    }
    // «У нас прошла встреча с …», «Мы провели переговоры с …» in a
    // quotation or an interview's answer: the speaker is a side, the people
    // the sentence names the other
    if (!cue) {
      for (size_t ci : sm.cues) {
        if (a.cues[ci].cue == Cue::kMeeting) {
          cue = &a.cues[ci];
          break;
        }
      }
      if (!cue) continue;
    }
    bool own_words = false;
    for (size_t t = cue->token; t-- > sm.first_token && t + 6 > cue->token;) {
      if (ctx.lex->HasWordClass(a.tokens[t].fold, Cue::kFirstPerson)) own_words = true;
    }
    const bool quoted_cue = InQuote(ctx, a.tokens[cue->token].start);
    std::string who;
    if (own_words) {
      who = ctx.sentence_speaker[s];
      if (who.empty() && !quoted_cue) {
        if (interviewee == SIZE_MAX - 1) interviewee = Interviewee(ctx);
        if (interviewee < a.persons.size()) who = ctx.PersonName(interviewee);
      }
      if (who.empty()) own_words = false;
    }
    if (quoted_cue && !own_words) continue;
    if (!cue) continue;
    Sides sides;
    std::vector<Participant> unplaced, unplaced_near;  // names with no party in the sentence / around it
    if (own_words) {
      Sides quoted;
      finder.AddPeople(s, quoted, nullptr, true);
      if (speaker_party.empty()) {  // the people with a party by name, built once
        for (size_t pi = 0; pi < a.persons.size(); ++pi) {
          if (!ctx.person_party[pi].empty()) speaker_party.try_emplace(ctx.PersonName(pi), pi);
        }
        speaker_party.try_emplace("", SIZE_MAX);
      }
      auto it = speaker_party.find(who);
      if (it != speaker_party.end() && it->second != SIZE_MAX) {
        const size_t pi = it->second;
        sides.AddPerson({who, ctx.person_role[pi], ctx.person_party[pi]});
        for (auto& p : quoted.people) {
          if (!sides.Has(p.party)) sides.AddPerson(std::move(p));
        }
      }
      // the speaker is no side of it («Как мы сообщали, X встретился с Y»): read it as any report
      if (sides.Count() != 2) {
        if (quoted_cue) continue;
        sides = Sides();
        own_words = false;
      }
    }
    if (!own_words) finder.AddPeople(s, sides, &unplaced);
    finder.AddUnnamed(s, sides);
    if (sides.Count() < 2) finder.AddSubject(s, sides);
    // The sentences around it that complete the report: the one before
    // («Губернатор и председатель облисполкома подписали план. На встрече
    // обсудили …») and the next two («В мероприятии участвовали …»). A cue
    // sentence that names no side takes its people only from a neighbour
    // that names two sides by itself.
    size_t first = s, last = s;
    auto complete = [&](size_t k) {
      if (k >= n || ctx.in_other_story[k] || doc.sentences[k].paragraph + 1 < doc.sentences[s].paragraph ||
          doc.sentences[s].paragraph + 1 < doc.sentences[k].paragraph)
        return;
      Sides more;
      finder.AddPeople(k, more, &unplaced_near);
      // A neighbour completes a Belarusian side against another one: it
      // gives both only when the cue sentence names none (and then it must
      // name a Belarusian side), else the side that is missing.
      const bool empty = sides.Count() == 0;
      if (empty && (more.Count() < 2 || !more.HasBelarus())) return;
      const bool have_by = sides.HasBelarus();
      for (auto& p : more.people) {
        if (sides.Has(p.party) || (!empty && IsBelarusSide(p.party) == have_by)) continue;
        sides.AddPerson(std::move(p));
        first = std::min(first, k);
        last = std::max(last, k);
      }
    };
    if (sides.Count() < 2 && s > ctx.body_start_sentence) complete(s - 1);
    for (size_t k = s + 1; sides.Count() < 2 && k <= s + 2; ++k) complete(k);
    // Both sides named: the next two sentences of the report may list more
    // people of the same sides («В переговорах участвовали также заместитель
    // губернатора …, министр …»: a participation word, clause_words.tsv); a
    // sentence with a meeting cue of its own is read for itself.
    if (sides.Count() == 2 && !sides.people.empty()) {
      for (size_t k = s + 1; k <= s + 2 && k < n; ++k) {
        if (ctx.in_other_story[k] || doc.sentences[s].paragraph + 1 < doc.sentences[k].paragraph ||
            HasCue(a, a.sentences[k], Cue::kMeeting) || HasCue(a, a.sentences[k], Cue::kFutureMeeting))
          break;
        const SentenceMentions& km = a.sentences[k];
        bool lists = false;
        for (size_t t = km.first_token; t < km.end_token && !lists; ++t) {
          lists = ctx.lex->HasWordClass(a.tokens[t].fold, Cue::kParticipation);
        }
        if (!lists) continue;
        Sides more;
        finder.AddPeople(k, more);
        for (auto& p : more.people) {
          const bool same_side = std::any_of(sides.people.begin(), sides.people.end(),
                                             [&](const Participant& x) { return x.party == p.party; });
          if (same_side) sides.AddPerson(std::move(p));
        }
      }
    }
    // a name with no party beside the people of one side stands for the other
    if (sides.Count() == 1 && !unplaced.empty()) {
      const std::string other =
          sides.HasBelarus() ? ctx.partner : (IsBelarusSide(ctx.home) && finder.NamesBelarus() ? ctx.home : "");
      if (!other.empty() && IsBelarusSide(other) != sides.HasBelarus()) {
        for (auto& p : unplaced) sides.AddPerson({p.name, p.role, other});
      }
    }
    // A side known only by a role or a delegation gets the principal named
    // elsewhere, else the names with no party of the report («принял
    // делегацию посольства Беларуси. Советник Олег Громыко и …»).
    for (const auto& u : std::vector<std::string>(sides.unnamed)) {
      const bool named = std::any_of(sides.people.begin(), sides.people.end(), [&](const Participant& p) {
        return IsBelarusSide(u) ? IsBelarusSide(p.party) : p.party == u;
      });
      if (named) continue;
      // «белорусскими коллегами» with no one of Belarus as a whole named: the
      // nearest person of a Belarusian oblast («делегация Витебской области во главе с …»)
      std::optional<Participant> principal = finder.PrincipalOf(u, s);
      if (!principal && u == "BY") principal = finder.PrincipalOfBelarus(s);
      if (principal) {
        sides.AddPerson(std::move(*principal));
      } else {
        for (size_t k = s + 1; unplaced.empty() && unplaced_near.empty() && k <= s + 2 && k < n; ++k) {
          if (ctx.in_other_story[k] || doc.sentences[s].paragraph + 1 < doc.sentences[k].paragraph) break;
          Sides ignored;
          finder.AddPeople(k, ignored, &unplaced_near);
        }
        for (auto& x : unplaced.empty() ? unplaced_near : unplaced) sides.AddPerson({x.name, x.role, u});
        (unplaced.empty() ? unplaced_near : unplaced).clear();
      }
    }
    // «На встрече с послом Беларуси стороны договорились …» in a report on
    // one partner: the other side is the document's, by its principal
    if (sides.Count() == 1 && !sides.people.empty() && finder.NamesBelarus() && !ctx.partner.empty() &&
        IsBelarusSide(ctx.home) && (sides.HasBelarus() || sides.Has(ctx.partner))) {
      const std::string other = sides.HasBelarus() ? ctx.partner : ctx.home;
      if (auto p = finder.PrincipalOf(other, s)) sides.AddPerson(std::move(*p));
    }
    const auto pairs = Pairs(ctx, sides);
    if (pairs.empty()) continue;
    const bool lead = s < ctx.body_start_sentence + 3 && !own_words;  // a meeting recounted is no news of today
    bool explicit_date = false;
    const std::optional<Date> date = MeetingDate(ctx, s, a.tokens[cue->token].start, lead, explicit_date);
    // place: «в Минске» in the sentence or the ones that complete it, else the dateline's city for today's news
    std::string place = finder.PlaceIn(s);
    for (size_t k = first; place.empty() && k <= last; ++k) place = finder.PlaceIn(k);
    if (place.empty() && s > 0 && doc.sentences[s - 1].paragraph + 1 >= doc.sentences[s].paragraph &&
        !ctx.in_other_story[s - 1]) {
      place = finder.PlaceIn(s - 1);
    }
    // a visit by one of the participants: «Василий Юрченко в Минск прибыл с делегацией»
    if (place.empty() && !visits_found) find_visits();
    for (size_t k : visits) {
      if (!place.empty()) break;
      bool names_one = k == s + 1;
      for (size_t pi : a.sentences[k].persons) {
        for (const auto& p : sides.people) names_one |= p.name == ctx.PersonName(pi);
      }
      if (names_one) place = finder.PlaceIn(k);
    }
    // today's news filed from the dateline's city: the lead, or the dateline's own paragraph
    const bool dateline_para = dateline_paragraph >= 0 && doc.sentences[s].paragraph == static_cast<uint32_t>(dateline_paragraph);
    if (place.empty() && (lead || dateline_para || (date && doc.published && *date == *doc.published))) {
      place = doc.dateline_city;
    }
    for (const auto& [x, y] : pairs) {
      Pending pnd;
      Fact& f = pnd.fact;
      f.type = FactType::kMeeting;
      f.parties = {x, y};
      pnd.explicit_date = explicit_date;
      f.date = date;
      f.place = place;
      for (const auto& p : sides.people) {
        if (p.party == x || p.party == y || (IsBelarusSide(p.party) && (IsBelarusSide(x) || IsBelarusSide(y)))) {
          f.participants.push_back(p);
        }
      }
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = "meeting.cue";
      const auto& tok = a.tokens[cue->token];
      f.used.push_back({"meeting-cue", Span{tok.start, tok.end}});
      found.push_back(std::move(pnd));
    }
  }
  // one meeting per pair: merge what the sentences say about it
  // (the pairs and each pair's names are looked up in maps: a scan of them
  // was quadratic in a long document of many meetings and people)
  std::vector<Pending> merged;
  std::map<std::vector<std::string>, size_t> merged_of_pair;
  std::vector<std::set<std::string, std::less<>>> names_of;  // per merged: its participants' names
  for (auto& p : found) {
    const auto [slot, added] = merged_of_pair.try_emplace(p.fact.parties, merged.size());
    if (added) {
      names_of.emplace_back();
      for (const auto& person : p.fact.participants) names_of.back().insert(person.name);
      merged.push_back(std::move(p));
      continue;
    }
    const auto it = merged.begin() + static_cast<std::ptrdiff_t>(slot->second);
    Fact& into = it->fact;
    auto& names = names_of[slot->second];
    for (auto& person : p.fact.participants) {
      if (names.insert(person.name).second) into.participants.push_back(person);
    }
    if ((!into.date || (!it->explicit_date && p.explicit_date)) && p.fact.date) {
      into.date = p.fact.date;
      it->explicit_date = p.explicit_date;
    }
    if (into.place.empty()) into.place = p.fact.place;
    if (into.participants.size() < 2 && p.fact.participants.size() >= 2) into.evidence = p.fact.evidence;
  }
  // A meeting of Belarus (or Russia) as a whole whose people all take part in
  // a meeting of one of its regions with the same other side is that meeting
  // told again («Аким встретился с председателем Витебского облисполкома. Встреча
  // состоялась в рамках визита делегации Беларуси»): it is folded into it. Each
  // meeting looks up the (at most three) pairs that generalise its own.
  std::vector<bool> folded(merged.size(), false);
  auto country = [](const std::string& code) {
    const size_t dash = code.find('-');
    return dash == std::string::npos ? code : code.substr(0, dash);
  };
  for (size_t j = 0; j < merged.size(); ++j) {
    const Fact& g = merged[j].fact;
    if (g.parties.size() != 2 || folded[j]) continue;
    const std::string& x = g.parties[0];
    const std::string& y = g.parties[1];
    for (const auto& [gx, gy] : {std::pair(country(x), y), std::pair(x, country(y)), std::pair(country(x), country(y))}) {
      if (gx == gy || (gx == x && gy == y)) continue;
      std::vector<std::string> key = {gx, gy};
      std::sort(key.begin(), key.end());
      const auto it = merged_of_pair.find(key);
      if (it == merged_of_pair.end() || folded[it->second]) continue;
      Fact& f = merged[it->second].fact;
      const bool all_in = std::all_of(f.participants.begin(), f.participants.end(),
                                      [&](const Participant& p) { return names_of[j].count(p.name) > 0; });
      if (f.participants.empty() || !all_in) continue;
      folded[it->second] = true;
      Fact& into = merged[j].fact;
      if (!into.date && f.date) into.date = f.date;
      if (into.place.empty()) into.place = f.place;
    }
  }
  for (size_t i = 0; i < merged.size(); ++i) {
    Fact& f = merged[i].fact;
    if (f.participants.empty() || folded[i]) continue;
    out.push_back(std::move(f));
  }
}

}  // namespace oborot::facts
