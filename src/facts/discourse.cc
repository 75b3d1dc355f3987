// Discourse: the pair an article is about, who its people are and who is
// speaking where. Built once per document from its annotations.
#include <algorithm>
#include <map>

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

bool Inside(const std::vector<Span>& spans, uint32_t at) {
  for (const Span& s : spans) {
    if (at >= s.start && at < s.end) return true;
  }
  return false;
}

bool IsPronoun(std::string_view fold) {
  return fold == "он" || fold == "она" || fold == "его" || fold == "ее" || fold == "ему" || fold == "ей";
}

bool IsHeadOfStateRole(std::string_view id) {
  return id == "president" || id == "head_of_state" || id == "leader" || id == "prime_minister" ||
         id == "deputy_pm" || id == "head_of_government";
}

}  // namespace

bool OblastAsSide(const Annotations& a, const lang::PartyMention& m) {
  if (m.kind == lang::PlaceKind::kRegion || m.kind == lang::PlaceKind::kDemonym) return true;
  if (m.kind != lang::PlaceKind::kAdjective) return false;
  // «Витебская и Псковская области», «Гомельской и Брянской областей»
  for (size_t t = TokenAt(a, m.end), k = 0; k < 4 && t < a.tokens.size(); ++k, ++t) {
    if (a.tokens[t].fold.rfind("област", 0) == 0) return true;
  }
  return false;
}

bool DocContext::PartyUsable(size_t i) const {
  const auto& p = ann->parties[i];
  for (const auto& o : ann->orgs) {
    if (p.start >= o.start && p.end <= o.end) return false;
    if (o.start > p.end) break;
  }
  return true;
}

std::string DocContext::PersonName(size_t i) const {
  const auto& p = ann->persons[i];
  if (!p.surname_only && !p.first.empty()) return p.name;
  // «Никитин сообщил»: the full name the document gave the same surname, else the officials lexicon
  if (!p.surname.empty()) {
    for (const auto& q : ann->persons) {
      if (&q != &p && q.surname == p.surname && !q.surname_only && !q.first.empty()) return q.name;
    }
  }
  if (!p.official_name.empty()) return p.official_name;
  return p.name;
}

DocContext BuildContext(const Lexicons& lex, const Document& doc, const Annotations& ann) {
  DocContext ctx;
  ctx.doc = &doc;
  ctx.ann = &ann;
  ctx.lex = &lex;
  ctx.quotes = FindQuotes(doc, ann.tokens);
  const size_t n = doc.sentences.size();
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
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    const auto& p = ann.persons[i];
    const size_t pt = TokenAt(ann, p.start);
    // the nearest role ending at most 7 tokens before the name
    const lang::RoleMention* role = nullptr;
    for (const auto& r : ann.roles) {
      if (r.end > p.start) break;
      const size_t rt = TokenAt(ann, r.end);
      if (pt >= rt && pt - rt <= 7) role = &r;
    }
    if (role) {
      ctx.person_role[i] = role->role;
      // the first usable party mention between the role and the name
      for (size_t k = 0; k < ann.parties.size(); ++k) {
        const auto& m = ann.parties[k];
        if (m.start >= role->start && m.end <= p.start) {  // inside a body's name too: «Гомельского облисполкома»
          ctx.person_party[i] = m.code;
          break;
        }
      }
      if (ctx.person_party[i].empty()) {
        const std::string_view role_text = std::string_view(doc.text).substr(role->start, role->end - role->start);
        const std::string folded = FoldCase(role_text);
        if (folded.find("белорус") != std::string::npos) {
          ctx.person_party[i] = "BY";
        } else if (folded.find("российск") != std::string::npos) {
          ctx.person_party[i] = "RU";
        } else {
          for (size_t t = TokenAt(ann, role->end); t < pt && t < toks.size(); ++t) {
            const std::string& f = toks[t].fold;
            if (f == "области" || f == "региона" || f == "края" || f == "республики" || f == "округа") {
              anaphoric[i] = true;
            }
          }
        }
      }
    }
    if (ctx.person_party[i].empty() && !p.official_party.empty()) ctx.person_party[i] = p.official_party;
    if (ctx.person_role[i].empty() && !p.official_role.empty()) ctx.person_role[i] = p.official_role;
    if (anaphoric[i] && role && IsHeadOfStateRole(role->role_id)) {
      ctx.person_party[i] = "BY";
      anaphoric[i] = false;
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
      double v = w;
      if (m.kind == lang::PlaceKind::kAdjective && IsCountry(m.code)) v *= 0.3;
      if (m.code == "RU") v *= 0.5;
      score[m.code] += v;
      if (s < lead_end) {
        lead_score[m.code] += v;
        if (OblastAsSide(ann, m)) region_lead[m.code] += v;
      }
    }
    if (s < lead_end) {
      for (size_t k : ann.sentences[s].parties) {
        const auto& m = ann.parties[k];
        if (m.code == "BY-HM" && FoldCase(std::string_view(doc.text).substr(m.start, m.end - m.start)).find("горисполк") !=
                                     std::string::npos) {
          minsk_authority = true;
        }
      }
      for (size_t k : ann.sentences[s].orgs) {
        if (FoldCase(ann.orgs[k].name).find("мингорисполк") != std::string::npos) minsk_authority = true;
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
  const double by_country_lead = lead_score.count("BY") ? lead_score["BY"] : 0.0;
  if (!best_by_oblast.empty() && best_oblast_score >= by_country_lead && best_partner.rfind("RU-", 0) == 0) {
    ctx.home = best_by_oblast;
  }
  // Minsk city is the side when its own authorities speak and no national leader does
  bool national_in_lead = false;
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    national_in_lead |= ctx.person_party[i] == "BY" && ann.persons[i].start < (lead_end < n ? doc.sentences[lead_end].start : doc.text.size());
  }
  if (minsk_authority && !national_in_lead && ctx.home == "BY") ctx.home = "BY-HM";
  if (by_lead == 0 && by_score < 2.0) {
    // a text about two other countries: the two most salient non-Belarusian countries
    std::string second;
    double second_score = 0;
    for (const auto& [code, v] : score) {
      if (IsBelarusSide(code) || code == best_partner || !IsCountry(code)) continue;
      if (v > second_score) {
        second_score = v;
        second = code;
      }
    }
    if (!second.empty() && IsCountry(best_partner)) ctx.home = second;
  }
  for (size_t i = 0; i < ann.persons.size(); ++i) {
    if (anaphoric[i] && ctx.person_party[i].empty()) ctx.person_party[i] = ctx.partner;
  }

  // --- speakers ----------------------------------------------------------------
  auto last_person_before = [&](uint32_t at) -> std::string {
    for (size_t i = ann.persons.size(); i-- > 0;) {
      if (ann.persons[i].end <= at) return ctx.PersonName(i);
    }
    return {};
  };
  auto person_for_role = [&](const lang::RoleMention& r, uint32_t at) -> std::string {
    // «глава белорусского правительства», «глава российского региона»: the side named after the role
    for (const auto& m : ann.parties) {
      if (m.start < r.end || m.start > r.end + 40) continue;
      const bool by = IsBelarusSide(m.code);
      for (size_t i = ann.persons.size(); i-- > 0;) {
        if (ann.persons[i].start > at || ctx.person_party[i].empty()) continue;
        if (IsBelarusSide(ctx.person_party[i]) == by) return ctx.PersonName(i);
      }
      break;
    }
    std::string found;
    for (size_t i = 0; i < ann.persons.size(); ++i) {
      if (ann.persons[i].start > at) break;
      if (!ctx.person_role[i].empty() && ctx.person_role[i] == r.role) found = ctx.PersonName(i);
    }
    if (!found.empty()) return found;
    // «белорусский лидер», «глава государства»: the Belarusian principal named before
    const bool by_role = IsHeadOfStateRole(r.role_id);
    for (size_t i = ann.persons.size(); i-- > 0;) {
      if (ann.persons[i].start > at) continue;
      const bool by = IsBelarusSide(ctx.person_party[i]);
      if (by_role ? by : (!ctx.person_party[i].empty() && !by)) return ctx.PersonName(i);
    }
    return {};
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
      if (ctx.sentence_speaker[s].empty() || Inside(ctx.quotes, doc.sentences[s].start)) ctx.sentence_speaker[s] = who;
    }
  }
  return ctx;
}

Evidence SentenceEvidence(const DocContext& ctx, size_t s) {
  const Sentence& st = ctx.doc->sentences[s];
  return Evidence{std::string(ctx.doc->Slice(st)), Span{st.start, st.end}};
}

}  // namespace oborot::facts
