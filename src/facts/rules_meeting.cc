// Official meetings: a sentence with a meeting cue (встреча, встретился,
// переговоры, принял) outside a quotation, naming a principal on each side.
// Future meetings («встретится») are plans, not reports, and are skipped.
#include <algorithm>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

bool InQuote(const DocContext& ctx, uint32_t at) {
  for (const Span& q : ctx.quotes) {
    if (at > q.start && at < q.end) return true;
  }
  return false;
}

// The meeting's date from the sentence, or nullopt; `explicit_date` tells
// whether the text gave it.
std::optional<Date> MeetingDate(const DocContext& ctx, size_t s, bool lead, bool& explicit_date) {
  const Document& doc = *ctx.doc;
  const auto& pub = doc.published;
  explicit_date = true;
  using K = expr::DateExpr::Kind;
  bool pastish = false;
  for (const auto& d : ctx.ann->sentences[s].dates) {
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
        return std::nullopt;
      case K::kWeekday:
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

}  // namespace

void ExtractMeetings(const DocContext& ctx, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  struct Pending {
    Fact fact;
    bool explicit_date = false;
  };
  std::vector<Pending> found;
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const SentenceMentions& sm = a.sentences[s];
    if (ctx.in_other_story[s] || !HasCue(a, sm, Cue::kMeeting) || HasCue(a, sm, Cue::kFutureMeeting)) continue;
    if (InQuote(ctx, doc.sentences[s].start)) continue;
    std::vector<Participant> people;
    for (size_t pi : sm.persons) {
      const auto& p = a.persons[pi];
      if (InQuote(ctx, p.start) || ctx.person_party[pi].empty()) continue;
      Participant part{ctx.PersonName(pi), ctx.person_role[pi], ctx.person_party[pi]};
      if (std::none_of(people.begin(), people.end(), [&](const Participant& x) { return x.name == part.name; })) {
        people.push_back(std::move(part));
      }
    }
    std::string home, partner;
    for (const auto& p : people) {
      if (IsBelarusSide(p.party)) {
        if (home.empty() || home == "BY") home = (p.party == "BY-HM" && ctx.home != "BY-HM") ? "BY" : p.party;
      } else if (partner.empty()) {
        partner = p.party;
      }
    }
    // A role without a name still tells the side («принял главу российской столицы»).
    if (partner.empty()) {
      for (size_t ri : sm.roles) {
        const auto& r = a.roles[ri];
        for (size_t k : sm.parties) {
          const auto& m = a.parties[k];
          if (m.start >= r.end && m.start <= r.end + 40 && !IsBelarusSide(m.code) && ctx.PartyUsable(k)) {
            partner = m.code;
            break;
          }
        }
        if (!partner.empty()) break;
      }
    }
    if (partner.empty()) continue;
    if (partner == "RU" && ctx.partner.rfind("RU-", 0) == 0) partner = ctx.partner;
    // the Belarusian side must be there too: a person, or an official by role («с послом Беларуси»)
    bool by_side = !home.empty();
    for (size_t ri : sm.roles) {
      for (size_t k : sm.parties) {
        const auto& m = a.parties[k];
        by_side |= IsBelarusSide(m.code) && m.start >= a.roles[ri].end && m.start <= a.roles[ri].end + 40;
      }
      const std::string role = FoldCase(std::string_view(doc.text).substr(a.roles[ri].start, a.roles[ri].end - a.roles[ri].start));
      by_side |= role.find("белорус") != std::string::npos;
    }
    if (!by_side) continue;
    if (home.empty()) home = ctx.home;
    if (IsBelarusSide(partner) || home == partner) continue;
    // the principals named elsewhere for a side that has only a role here
    for (size_t pi = 0; pi < a.persons.size(); ++pi) {
      const std::string& party = ctx.person_party[pi];
      if (party.empty() || InQuote(ctx, a.persons[pi].start)) continue;
      const bool home_side = IsBelarusSide(party);
      const bool side_missing = std::none_of(people.begin(), people.end(), [&](const Participant& x) {
        return home_side ? IsBelarusSide(x.party) : x.party == partner;
      });
      if (side_missing && (home_side || party == partner)) {
        people.push_back({ctx.PersonName(pi), ctx.person_role[pi], party});
      }
    }
    Pending pnd;
    Fact& f = pnd.fact;
    f.type = FactType::kMeeting;
    f.parties = {home, partner};
    std::sort(f.parties.begin(), f.parties.end());
    const bool lead = s < ctx.body_start_sentence + 3;
    f.date = MeetingDate(ctx, s, lead, pnd.explicit_date);
    // place: «в Минске» in the sentence, else the dateline's city for today's news
    for (size_t k : sm.parties) {
      const auto& m = a.parties[k];
      if (m.kind != lang::PlaceKind::kCity || m.city.empty()) continue;
      const size_t t = TokenAt(a, m.start);
      if (t > 0 && (a.tokens[t - 1].fold == "в" || a.tokens[t - 1].fold == "во")) {
        f.place = m.city;
        break;
      }
    }
    if (f.place.empty() && (lead || (f.date && doc.published && *f.date == *doc.published))) {
      f.place = doc.dateline_city;
    }
    f.participants = std::move(people);
    f.evidence = SentenceEvidence(ctx, s);
    f.rule = "meeting.cue";
    for (size_t ci : sm.cues) {
      if (a.cues[ci].cue == Cue::kMeeting) {
        const auto& tok = a.tokens[a.cues[ci].token];
        f.used.push_back({"meeting-cue", Span{tok.start, tok.end}});
        break;
      }
    }
    found.push_back(std::move(pnd));
  }
  // one meeting per pair: merge what the sentences say about it
  std::vector<Pending> merged;
  for (auto& p : found) {
    auto it = std::find_if(merged.begin(), merged.end(),
                           [&](const Pending& m) { return m.fact.parties == p.fact.parties; });
    if (it == merged.end()) {
      merged.push_back(std::move(p));
      continue;
    }
    Fact& into = it->fact;
    for (auto& person : p.fact.participants) {
      if (std::none_of(into.participants.begin(), into.participants.end(),
                       [&](const Participant& x) { return x.name == person.name; })) {
        into.participants.push_back(person);
      }
    }
    if ((!into.date || (!it->explicit_date && p.explicit_date)) && p.fact.date) {
      into.date = p.fact.date;
      it->explicit_date = p.explicit_date;
    }
    if (into.place.empty()) into.place = p.fact.place;
    if (into.participants.size() < 2 && p.fact.participants.size() >= 2) into.evidence = p.fact.evidence;
  }
  for (auto& m : merged) {
    if (m.fact.participants.empty()) continue;
    out.push_back(std::move(m.fact));
  }
}

}  // namespace oborot::facts
