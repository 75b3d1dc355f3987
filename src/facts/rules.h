// Internal interface of the fact rules: one context per document, built once
// from the annotations, then one function per fact family. See README
// "Architecture" for how a fact is found; `--explain` names each rule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "oborot/document.h"
#include "oborot/fact.h"
#include "src/facts/annotate.h"

namespace oborot::facts {

// Which side of a pair a party code is on.
bool IsBelarusSide(std::string_view code);
// A country code (two letters) rather than a region's.
inline bool IsCountry(std::string_view code) { return code.size() == 2; }
// Index of the first token starting at or after a byte offset.
size_t TokenAt(const Annotations& a, uint32_t byte);
// True when the sentence has a cue of this kind.
bool HasCue(const Annotations& a, const SentenceMentions& sm, Cue cue);
// A Belarusian oblast named as a side: by name, or by its adjective before «область»
// («Витебская и Псковская области»), not as a place visited or an adjective of a firm.
bool OblastAsSide(const Annotations& a, const lang::PartyMention& m);

// The document's discourse: the pair the headline and lead set, quotes and
// their speakers, the people it names.
struct DocContext {
  const Document* doc = nullptr;
  const Annotations* ann = nullptr;
  const Lexicons* lex = nullptr;
  std::string home = "BY";  // Belarus, or a Belarusian oblast when it is the side
  std::string partner;      // the other side ("" when none is clear)
  std::vector<Span> quotes; // direct quotations
  std::vector<std::string> sentence_speaker;  // per sentence, "" when unknown
  std::vector<bool> in_other_story;           // per sentence: headline of another story, never read
  std::vector<std::string> person_party;      // per Annotations::persons entry: its party, "" when unknown
  std::vector<std::string> person_role;       // per person: its role, "" when none
  uint32_t body_start_sentence = 0;           // first sentence after the title

  // Party of a mention, or "" when it should be ignored (inside an organisation name).
  bool PartyUsable(size_t party_index) const;
  std::string PersonName(size_t person_index) const;
};

DocContext BuildContext(const Lexicons& lex, const Document& doc, const Annotations& ann);

// The two sides for a figure at byte offset `at` in sentence `s`, sorted; empty when none.
std::vector<std::string> PairFor(const DocContext& ctx, size_t s, uint32_t at);

// The year a figure at `at` in sentence `s` refers to (see rules_year.cc).
struct YearInfo {
  std::optional<int> year;
  std::string period;
  bool base_year_only = false;  // the only year is a comparison base («по сравнению с 2021»)
  bool has_date = false;        // the sentence dates the figure, even when the year stays unknown
  std::vector<UsedSpan> used;
};
// `within`, when not empty, is the figure's clause: dates inside it are preferred.
YearInfo YearFor(const DocContext& ctx, size_t s, uint32_t at, bool target, Span within = {});

void ExtractTurnover(const DocContext& ctx, std::vector<Fact>& out);
void ExtractMeetings(const DocContext& ctx, std::vector<Fact>& out);
void ExtractEntities(const DocContext& ctx, std::vector<Fact>& out);
// Exports and imports between the pair (rules_trade_flow.cc).
void ExtractTradeFlows(const DocContext& ctx, std::vector<Fact>& out);
// One fact per figure: merges restatements, keeps the best evidence.
void MergeDuplicates(std::vector<Fact>& facts, uint32_t body_start);
// Orders facts by type, keeping the order within a type (std::stable_sort's result).
void StableSortByType(std::vector<Fact>& facts);

Evidence SentenceEvidence(const DocContext& ctx, size_t s);

}  // namespace oborot::facts
