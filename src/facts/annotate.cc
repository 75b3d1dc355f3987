#include "src/facts/annotate.h"

#include <algorithm>
#include <map>

#include "src/base/data.h"
#include "src/expr/expressions.h"
#include "src/lang/stemmer.h"

namespace oborot::facts {
namespace {

Cue CueFromName(std::string_view s) {
  static const std::map<std::string_view, Cue> kNames = {
      {"trade", Cue::kTrade},           {"trade_verb", Cue::kTradeVerb}, {"not_trade", Cue::kNotTrade},
      {"project", Cue::kProject},
      {"target", Cue::kTarget},         {"actual", Cue::kActual},        {"future_verb", Cue::kFutureVerb},
      {"speech", Cue::kSpeech},         {"meeting", Cue::kMeeting},      {"future_meeting", Cue::kFutureMeeting},
      {"anaphor", Cue::kAnaphor},       {"share", Cue::kShare}};
  auto it = kNames.find(s);
  return it == kNames.end() ? Cue::kNone : it->second;
}

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

// Keeps the first `cap` elements of v.
template <typename V>
void Cap(V& v, size_t cap, size_t& dropped) {
  if (v.size() <= cap) return;
  dropped += v.size() - cap;
  v.resize(cap);
}

}  // namespace

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

  const char* kCueFile = "lexicons/fact_cues.tsv";
  auto text = data::Read(kCueFile);
  if (!text.ok()) return text.status();
  auto rows = data::ParseTsv(kCueFile, *text, 2);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    const Cue cue = CueFromName(row.cols[1]);
    if (cue == Cue::kNone) {
      return Status(StatusCode::kCorrupt,
                    std::string(kCueFile) + ":" + std::to_string(row.line) + ": unknown cue '" + row.cols[1] + "'");
    }
    const bool exact = row.cols.size() > 2 && row.cols[2] == "exact";
    lex->cues.Add(row.cols[0], static_cast<uint32_t>(lex->cue_kinds.size()),
                  exact ? lang::PhraseMatcher::kExactForm : lang::PhraseMatcher::kNone);
    lex->cue_kinds.emplace_back(cue, row.cols[0]);
  }
  lex->cues.Build();
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
  for (const auto& m : lex.cues.FindAll(a.tokens, a.stems)) {
    const auto& [cue, word] = lex.cue_kinds[m.payload];
    a.cues.push_back({m.first_token, cue, word});
  }
  auto by_start = [](const auto& x, const auto& y) { return x.start < y.start; };
  std::stable_sort(a.parties.begin(), a.parties.end(), by_start);
  std::stable_sort(a.persons.begin(), a.persons.end(), by_start);
  std::stable_sort(a.roles.begin(), a.roles.end(), by_start);
  std::stable_sort(a.orgs.begin(), a.orgs.end(), by_start);
  std::stable_sort(a.sectors.begin(), a.sectors.end(), by_start);
  std::stable_sort(a.cues.begin(), a.cues.end(), [](const CueMention& x, const CueMention& y) { return x.token < y.token; });
  // The document's budget: the discourse step pairs people, roles and
  // parties across the document.
  const size_t doc_cap = limits.doc_mentions > 0 ? limits.doc_mentions : SIZE_MAX;  // 0: no limit
  Cap(a.parties, doc_cap, a.doc_dropped);
  Cap(a.persons, doc_cap, a.doc_dropped);
  Cap(a.roles, doc_cap, a.doc_dropped);
  Cap(a.orgs, doc_cap, a.doc_dropped);
  Cap(a.sectors, doc_cap, a.doc_dropped);
  Cap(a.cues, doc_cap, a.doc_dropped);
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
    sm.quantities = std::move(e.quantities);
    sm.dates = std::move(e.dates);
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
  return a;
}

void AnnotationWarnings(const Annotations& a, const AnnotateLimits& limits, const std::string& source,
                        std::vector<std::string>& out) {
  if (a.doc_dropped > 0) {
    out.push_back(source + ": " + std::to_string(a.doc_dropped) + " mentions past " +
                  std::to_string(limits.doc_mentions) + " of one kind in the document dropped (--max-doc-mentions " +
                  std::to_string(limits.doc_mentions) + ")");
  }
  if (a.sentence_dropped > 0) {
    out.push_back(source + ": " + std::to_string(a.sentence_dropped) + " mentions past " +
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
