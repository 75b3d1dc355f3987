#include "src/facts/clauses.h"

#include <algorithm>

namespace oborot::facts {
namespace {

constexpr size_t kBaseReach = 6;  // tokens from a base cue's end to the date it names

bool IsPunct(const segment::Token& t, std::string_view p) {
  return t.kind == segment::TokenKind::kPunct && t.fold == p;
}

// A dash that stands between words rather than inside one: an em or en dash
// with a space on either side, or a hyphen with spaces on both («2022 - 2023»
// is a range too, but a range has no figure after it standing alone).
bool IsDashAt(const Annotations& a, size_t t, size_t end) {
  const segment::Token& tok = a.tokens[t];
  if (tok.kind != segment::TokenKind::kPunct) return false;
  const bool spaced_after = t + 1 < end && a.tokens[t + 1].space_before;
  if (tok.fold == "—" || tok.fold == "–") return tok.space_before || spaced_after;
  if (tok.fold == "-") return tok.space_before && spaced_after;
  return false;
}

// «;», «:», brackets and a slash standing apart from its neighbours («/около 16 млрд/»).
bool IsHardBoundary(const Annotations& a, size_t t, size_t end) {
  const segment::Token& tok = a.tokens[t];
  if (tok.kind != segment::TokenKind::kPunct) return false;
  // (square brackets are an editor's insertion, «до $1,2 [млрд]», not a clause)
  if (tok.fold == ";" || tok.fold == ":" || tok.fold == "(" || tok.fold == ")") return true;
  if (tok.fold == "/") return tok.space_before || (t + 1 < end && a.tokens[t + 1].space_before);
  return false;
}

bool IsOpenBracket(const segment::Token& tok) { return tok.kind == segment::TokenKind::kPunct && tok.fold == "("; }

int ChangeDirection(Cue c) {
  switch (c) {
    case Cue::kChangeUp:
    case Cue::kChangeNounUp:
      return 1;
    case Cue::kChangeDown:
    case Cue::kChangeNounDown:
      return -1;
    default:
      return 0;
  }
}

// A stretch of the sentence between two possible clause boundaries.
struct Segment {
  uint32_t first = 0, end = 0;
  enum class Cut : uint8_t { kStart, kHard, kComma, kAnd } cut = Cut::kStart;
  bool aside = false;       // inside brackets or slashes
  Cue opener = Cue::kNone;  // conj / relative / gerund / and at its first word
  bool verb = false;        // a predicate cue
  bool figure = false;      // money or a change starts in it
  bool dash = false;
  bool lead_measure = false;  // a money noun among its first two words
};

}  // namespace

bool IsPredicateCue(Cue c) {
  switch (c) {
    case Cue::kActual:
    case Cue::kTarget:
    case Cue::kFutureVerb:
    case Cue::kTradeVerb:
    case Cue::kAuxPast:
    case Cue::kPastGovernor:
    case Cue::kChangeUp:
    case Cue::kChangeDown:
      return true;
    default:
      return false;
  }
}

size_t SentenceClauses::ClauseOf(uint32_t t) const {
  // the last clause starting at or before t (clauses are in order)
  auto it =
      std::upper_bound(clauses.begin(), clauses.end(), t, [](uint32_t v, const Clause& c) { return v < c.first; });
  return it == clauses.begin() ? 0 : static_cast<size_t>(it - clauses.begin() - 1);
}

bool SentenceClauses::InBase(uint32_t start, uint32_t end) const {
  // bases are in order and do not overlap: the last one starting at or before `start`
  auto it = std::upper_bound(bases.begin(), bases.end(), start, [](uint32_t v, const Span& b) { return v < b.start; });
  if (it == bases.begin()) return false;
  --it;
  return start >= it->start && end <= it->end;
}

const Clause* SentenceClauses::PredicateClause(size_t c) const {
  int steps = 0;
  for (int i = static_cast<int>(c); i >= 0 && steps++ <= kMaxParentWalk; i = clauses[static_cast<size_t>(i)].parent) {
    const Clause& cl = clauses[static_cast<size_t>(i)];
    if (cl.predicate != kNoToken) return &cl;
  }
  return nullptr;
}

SentenceClauses AnalyzeClauses(const Annotations& a, const SentenceMentions& sm) {
  SentenceClauses out;
  const uint32_t first = sm.first_token, end = sm.end_token;
  if (first >= end) return out;
  auto token_of = [&](uint32_t byte) {
    return static_cast<uint32_t>(std::lower_bound(a.tokens.begin() + first, a.tokens.begin() + end, byte,
                                                  [](const segment::Token& t, uint32_t b) { return t.start < b; }) -
                                 a.tokens.begin());
  };

  // --- comparison bases: a base cue and the date right after it --------------
  // (cues and dates are both in text order: one forward walk)
  size_t next_date = 0;
  for (size_t ci : sm.cues) {
    const CueMention& c = a.cues[ci];
    if (c.cue != Cue::kBase && c.cue != Cue::kThan) continue;
    if (!out.bases.empty() && a.tokens[c.token].start < out.bases.back().end) continue;  // inside the last base
    while (next_date < sm.dates.size() && token_of(sm.dates[next_date].start) < c.token) ++next_date;
    for (size_t di = next_date; di < sm.dates.size(); ++di) {
      const auto& d = sm.dates[di];
      const uint32_t dt = token_of(d.start);
      if (dt > c.end_token + kBaseReach) break;
      bool blocked = false;
      for (uint32_t t = c.end_token; t < dt && !blocked; ++t) {
        blocked = IsPunct(a.tokens[t], ",") || IsHardBoundary(a, t, end);
      }
      if (blocked) continue;
      out.bases.push_back(Span{a.tokens[c.token].start, std::max(d.end, a.tokens[c.end_token - 1].end)});
      break;
    }
  }

  // A change's own base after it, found by the change parser («127% к январю–марту 2018-го»:
  // «к» is a base only there, a deadline elsewhere); overlaps with a cue's base merge.
  {
    const size_t cue_bases = out.bases.size();
    for (const auto& ch : sm.changes) {
      if (ch.base_end == 0 || ch.base_start < ch.end) continue;
      Span b{ch.base_start, ch.base_end};
      // the whole date the year ends («2018-го»); dates are in text order
      auto d = std::lower_bound(sm.dates.begin(), sm.dates.end(), b.start,
                                [](const expr::DateExpr& x, uint32_t v) { return x.start < v; });
      for (; d != sm.dates.end() && d->start < b.end; ++d) b.end = std::max(b.end, d->end);
      out.bases.push_back(b);
    }
    if (out.bases.size() > cue_bases) {
      std::sort(out.bases.begin(), out.bases.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
      size_t w = 0;  // merge overlaps: InBase reads them in order and disjoint
      for (size_t r = 1; r < out.bases.size(); ++r) {
        if (out.bases[r].start < out.bases[w].end) {
          out.bases[w].end = std::max(out.bases[w].end, out.bases[r].end);
        } else {
          out.bases[++w] = out.bases[r];
        }
      }
      out.bases.resize(w + 1);
    }
  }

  // --- segments ----------------------------------------------------------------
  // scratch reused by every sentence of the thread
  thread_local std::vector<Segment> segs;
  thread_local std::vector<uint8_t> and_at;  // per token of the sentence: an «и» cue starts there
  segs.clear();
  and_at.assign(end - first, 0);
  for (size_t ci : sm.cues) {
    if (a.cues[ci].cue == Cue::kAnd) and_at[a.cues[ci].token - first] = 1;
  }
  {
    Segment cur;
    cur.first = first;
    bool aside = false;
    for (uint32_t t = first; t < end; ++t) {
      const segment::Token& tok = a.tokens[t];
      if (IsHardBoundary(a, t, end)) {
        cur.end = t;
        segs.push_back(cur);
        if (tok.fold == "/") {
          aside = !aside;
        } else {
          aside = IsOpenBracket(tok);
        }
        cur = Segment{};
        cur.first = t + 1;
        cur.cut = Segment::Cut::kHard;
        cur.aside = aside;
      } else if (IsPunct(tok, ",")) {
        cur.end = t;
        segs.push_back(cur);
        cur = Segment{};
        cur.first = t + 1;
        cur.cut = Segment::Cut::kComma;
        cur.aside = aside;
      } else if (and_at[t - first] && t > cur.first) {
        cur.end = t;
        segs.push_back(cur);
        cur = Segment{};
        cur.first = t;
        cur.cut = Segment::Cut::kAnd;
        cur.aside = aside;
      } else if (IsDashAt(a, t, end)) {
        cur.dash = true;
      }
    }
    cur.end = end;
    segs.push_back(cur);
  }
  std::erase_if(segs, [](const Segment& s) { return s.first >= s.end; });
  if (segs.empty()) return out;

  // what each segment holds
  auto seg_of = [&](uint32_t t) {
    auto it = std::upper_bound(segs.begin(), segs.end(), t, [](uint32_t v, const Segment& sg) { return v < sg.first; });
    return it == segs.begin() ? size_t{0} : static_cast<size_t>(it - segs.begin() - 1);
  };
  for (size_t ci : sm.cues) {
    const CueMention& c = a.cues[ci];
    const size_t k = seg_of(c.token);
    Segment& sg = segs[k];
    if (c.token < sg.first || c.token >= sg.end) continue;
    if (IsPredicateCue(c.cue) && !out.InBase(a.tokens[c.token].start, a.tokens[c.token].end)) sg.verb = true;
    // the opener: the segment's first word (after «и»: «, и если…»)
    uint32_t w = sg.first;
    if (sg.cut == Segment::Cut::kAnd || (w < sg.end && and_at[w - first])) {
      if (c.token == w && c.cue == Cue::kAnd) sg.opener = Cue::kAnd;
      ++w;
    }
    if (c.token == w &&
        (c.cue == Cue::kConj || c.cue == Cue::kRelative || c.cue == Cue::kGerund || c.cue == Cue::kPartitive)) {
      sg.opener = c.cue;
    }
    if (c.token == w && c.cue == Cue::kPurpose) sg.opener = Cue::kConj;  // «, чтобы …» opens a clause as «, а» does
    if (IsMeasureCue(c.cue) && c.token <= sg.first + 1) sg.lead_measure = true;
  }
  for (const auto& m : sm.money) {
    const uint32_t t = token_of(m.value_start);
    if (t < end) segs[seg_of(t)].figure = true;
  }
  for (const auto& ch : sm.changes) {
    const uint32_t t = token_of(ch.start);
    if (t < end) segs[seg_of(t)].figure = true;
  }
  for (const auto& p : sm.percents) {  // «…, в 2023 — 8%»
    const uint32_t t = token_of(p.start);
    if (t < end) segs[seg_of(t)].figure = true;
  }

  // --- segments into clauses -----------------------------------------------------
  struct Building {
    Clause c;
    bool verb = false, figure = false, aside = false;
  };
  thread_local std::vector<Building> built;
  built.clear();
  for (const Segment& sg : segs) {
    bool open = built.empty();
    Opener opener = Opener::kStart;
    if (!open) {
      const Building& cur = built.back();
      if (sg.cut == Segment::Cut::kHard || sg.aside != cur.aside) {
        open = true;
        opener = Opener::kHard;
      } else if (sg.opener == Cue::kConj && sg.cut != Segment::Cut::kAnd) {
        open = true;
        opener = Opener::kConj;
      } else if (sg.opener == Cue::kRelative && sg.cut == Segment::Cut::kComma) {
        open = true;
        opener = Opener::kRelative;
      } else if (sg.opener == Cue::kGerund && sg.cut == Segment::Cut::kComma) {
        open = true;
        opener = Opener::kGerund;
      } else if (sg.opener == Cue::kPartitive && sg.cut == Segment::Cut::kComma) {
        open = true;  // «…, из них 22 млн приходится на экспорт»: a part of the whole
        opener = Opener::kComma;
      } else if (sg.verb && cur.verb) {
        open = true;
        opener = sg.cut == Segment::Cut::kAnd || sg.opener == Cue::kAnd ? Opener::kAnd : Opener::kComma;
        if (sg.opener == Cue::kConj) opener = Opener::kConj;
        if (sg.opener == Cue::kRelative) opener = Opener::kRelative;
      } else if (sg.cut == Segment::Cut::kComma && sg.figure && !sg.verb && (cur.verb || cur.figure) &&
                 (sg.dash || sg.lead_measure)) {
        open = true;  // «…, за январь–июнь — 68 млн», «…, экспорт — 268 млн»
        opener = Opener::kComma;
      }
    }
    if (open) {
      Building b;
      b.c.first = sg.first;
      b.c.end = sg.end;
      b.c.opener = opener;
      b.aside = sg.aside;
      built.push_back(b);
    }
    Building& cur = built.back();
    cur.c.end = sg.end;
    cur.verb |= sg.verb;
    cur.figure |= sg.figure;
    cur.c.dash |= sg.dash;
  }

  // --- each clause's subject, predicate and change word; parents -------------------
  out.clauses.reserve(built.size());
  int last_main = -1;  // the last clause outside brackets
  for (size_t k = 0; k < built.size(); ++k) {
    Clause c = built[k].c;
    if (built[k].aside) {
      c.parent = static_cast<int>(k) - 1;
    } else {
      c.parent = last_main;
      last_main = static_cast<int>(k);
    }
    out.clauses.push_back(c);
  }
  for (size_t ci : sm.cues) {
    const CueMention& m = a.cues[ci];
    Clause& c = out.clauses[out.ClauseOf(m.token)];
    const bool in_base = out.InBase(a.tokens[m.token].start, a.tokens[m.token].end);
    if (c.subject == kNoToken && !in_base && (IsMeasureCue(m.cue) || m.cue == Cue::kPronoun || m.cue == Cue::kThis)) {
      c.subject = m.token;
      c.subject_cue = m.cue;
    }
    if (c.predicate == kNoToken && !in_base && IsPredicateCue(m.cue)) {
      c.predicate = m.token;
      c.predicate_cue = m.cue;
    }
    if (c.change == 0 && !in_base) {
      if (int d = ChangeDirection(m.cue)) {
        c.change = static_cast<int8_t>(d);
        c.change_token = m.token;
      }
    }
  }
  // --- each date's nearest figure in its clause (dates and figures are in text order: a merge) ---
  // Each figure is named by its start, and measured from its number: a qualifier before it
  // («с 6 млн в 2006 году до 1,3 млрд в 2011-м») does not pull the date before it over.
  struct Figure {
    uint32_t id;
    Span span;
  };
  thread_local std::vector<Figure> figs;
  figs.clear();
  for (const auto& m : sm.money) figs.push_back({m.start, Span{std::max(m.start, m.value_start), m.end}});
  for (const auto& ch : sm.changes) figs.push_back({ch.start, Span{ch.start, ch.end}});
  std::sort(figs.begin(), figs.end(), [](const Figure& x, const Figure& y) { return x.span.start < y.span.start; });
  out.date_figure.assign(sm.dates.size(), UINT32_MAX);
  auto gap = [](Span x, Span y) -> uint32_t {
    if (x.end <= y.start) return y.start - x.end;
    if (y.end <= x.start) return x.start - y.end;
    return 0;
  };
  // A figure owns only its nearest date: «в прошлом году … увеличился с 18,99 млрд в 2011 году до
  // 21,31 млрд»: 2011 is the first figure's, and «в прошлом году», nearest to it too, is left to
  // the clause (the second figure's).
  thread_local std::vector<uint32_t> fig_gap, fig_date;
  fig_gap.assign(figs.size(), UINT32_MAX);
  fig_date.assign(figs.size(), UINT32_MAX);
  size_t f = 0;
  for (size_t di = 0; di < sm.dates.size(); ++di) {
    const Span d{sm.dates[di].start, sm.dates[di].end};
    while (f < figs.size() && figs[f].span.end <= d.start) ++f;  // figs[f - 1]: the last one before
    const size_t clause = out.ClauseOf(token_of(d.start));
    uint32_t best_gap = UINT32_MAX;
    size_t best = SIZE_MAX;
    for (size_t k : {f - 1, f}) {  // the figure just before and the one just after (f - 1 wraps when f == 0)
      if (k >= figs.size() || out.ClauseOf(token_of(figs[k].id)) != clause) continue;
      if (const uint32_t g = gap(d, figs[k].span); g < best_gap) {
        best_gap = g;
        best = k;
      }
    }
    if (best == SIZE_MAX) continue;
    out.date_figure[di] = figs[best].id;
    if (best_gap < fig_gap[best]) {
      if (fig_date[best] != UINT32_MAX) out.date_figure[fig_date[best]] = UINT32_MAX;
      fig_gap[best] = best_gap;
      fig_date[best] = static_cast<uint32_t>(di);
    } else {
      out.date_figure[di] = UINT32_MAX;
    }
  }
  return out;
}

}  // namespace oborot::facts
