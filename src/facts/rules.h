// Internal interface of the fact rules: one context per document, built once
// from the annotations, then one function per fact family. See README
// "Architecture" for how a fact is found; `--explain` names each rule.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "oborot/document.h"
#include "oborot/fact.h"
#include "src/facts/annotate.h"
#include "src/facts/clauses.h"

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
  // The quotations by start, each with the furthest end of those up to it
  // (IndexQuotes), so that "inside a quotation?" is a binary search.
  std::vector<std::pair<uint32_t, uint32_t>> quote_reach;
  std::vector<std::string> sentence_speaker;  // per sentence, "" when unknown
  std::vector<bool> in_other_story;           // per sentence: headline of another story, never read
  std::vector<std::string> person_party;      // per Annotations::persons entry: its party, "" when unknown
  std::vector<std::string> person_role;       // per person: its role, "" when none
  std::vector<int> person_role_mention;       // per person: index into Annotations::roles of its role, -1 when none
  uint32_t body_start_sentence = 0;           // first sentence after the title
  std::string home_oblast;  // the Belarusian oblast most named as a side, "" when none
  std::string main_region;  // the Russian region most named as a side, "" when none («региона» may stand for it)
  // The side a text is written from when it is not Belarus's: «сотрудничество Саратовской
  // области с Ираном и Беларусью» (RU-SAR); a figure naming one partner pairs it with this side.
  std::string owner;
  std::vector<std::string> countries_named;  // countries the text names (not by an adjective)
  // per Annotations::parties entry, computed once (BuildContext): its first token, and flags
  enum PartyFlag : uint8_t {
    kPartyUsable = 1,      // PartyUsable
    kPartyInMoney = 2,     // inside a money expression («долларов США»)
    kPartyPlace = 4,       // CityAsPlace
    kPartyOblastSide = 8,  // OblastAsSide
    kPartyAfterWith = 16,  // after «с»: the partner («товарооборот с РФ»)
  };
  std::vector<uint32_t> party_token;
  std::vector<uint8_t> party_flags;
  // per sentence (src/facts/clauses.h); empty for a sentence with no figure (and, in a text
  // with a publication date, with no date either)
  std::vector<SentenceClauses> clauses;
  // The year the text fixes as its present when it has no publication date
  // («в прошлом году … по сравнению с 2021 годом»: 2023), see rules_year.cc.
  std::optional<int> current_year;

  // Per surname, the first mention with a first name (PersonName's choice)
  // and the first of the longest ones (PersonFullName's), as indexes into
  // Annotations::persons (IndexPersons): a scan of every person per name was
  // quadratic in the people of a long document.
  std::unordered_map<std::string_view, size_t> surname_named, surname_fullest;
  void IndexPersons();
  // Builds quote_reach from quotes.
  void IndexQuotes();
  // Whether some quotation has start <= at < end.
  bool InQuotation(uint32_t at) const;
  // Whether some quotation has start < at < end (strictly inside its marks).
  bool InsideQuotationMarks(uint32_t at) const;
  // Party of a mention, or "" when it should be ignored (inside an organisation name).
  bool PartyUsable(size_t party_index) const;
  // The year «в этом году» means: the publication year, else current_year.
  std::optional<int> NowYear() const;
  // «Имя Фамилия» in the nominative (the contract's form), completed from the
  // document's full mention or the officials lexicon for a surname alone.
  std::string PersonName(size_t person_index) const;
  // The same with the patronymic when the document gives one.
  std::string PersonFullName(size_t person_index) const;
};

DocContext BuildContext(const Lexicons& lex, const Document& doc, const Annotations& ann);

// A city named as a place rather than as a side: «посол в Москве», «переговоры в Минске».
bool CityAsPlace(const DocContext& ctx, const lang::PartyMention& m);

// The two sides for a figure at byte offset `at` in clause `clause` of sentence `s`, sorted;
// empty when none. Parties named in the figure's clause (and the clauses it continues) come
// before the rest of the sentence, which comes before the document's pair.
std::vector<std::string> PairFor(const DocContext& ctx, size_t s, uint32_t at, size_t clause);

// The year a figure at `at` in clause `clause` of sentence `s` refers to (rules_year.cc).
struct YearInfo {
  std::optional<int> year;
  std::string period;
  bool base_year_only = false;  // the only year is a comparison base («по сравнению с 2021»)
  std::optional<int> base_relative;  // the only date is a relative base («к аналогичному периоду прошлого года»)
  bool has_date = false;        // the sentence dates the figure, even when the year stays unknown
  std::vector<UsedSpan> used;
};
YearInfo FigureYear(const DocContext& ctx, size_t s, size_t clause, Span figure);
// The year of the sentence as a whole: its first date that is not a comparison base.
YearInfo SentenceYear(const DocContext& ctx, size_t s);
// The year the text fixes as its present (DocContext::current_year), from the
// comparisons it makes: «в прошлом году … по сравнению с 2021 годом» -> 2023,
// «за 8 месяцев этого года … к уровню 2021 года» -> 2022, «в январе … по сравнению
// с январём 2022 года» -> 2023; else from its latest part-year period with a year
// («за пять месяцев 2019 года» -> 2019); else the earliest year a forecast is made for
// («в 2022 году товарооборот может достигнуть…»: forecasts are made for the running year);
// else its latest full date («20 октября 2022 года состоялась встреча»). nullopt when
// nothing fixes it, or when its comparisons disagree.
std::optional<int> FindCurrentYear(const DocContext& ctx);
// True when clause c's dates and subject may come from its parent: it continues it
// («и», a gerund, «что», a comma before an ellipsis, brackets), rather than
// contrasting with it («а», «но», «если … то»).
bool ContinuesParent(const Clause& c);

// `rejected`, when given, receives the money and change candidates the rules dropped and why.
void ExtractTurnover(const DocContext& ctx, std::vector<Fact>& out, std::vector<Rejection>* rejected = nullptr);
void ExtractMeetings(const DocContext& ctx, std::vector<Fact>& out);
void ExtractEntities(const DocContext& ctx, std::vector<Fact>& out);
// Exports and imports between the pair (rules_trade_flow.cc).
void ExtractTradeFlows(const DocContext& ctx, std::vector<Fact>& out);
// Turnover and its index read from a trade table rendered as text (rules_table.cc).
void ExtractTables(const DocContext& ctx, std::vector<Fact>& out);
// Whether two facts state the same figure (the same type, pair and, within
// a tolerance, the same number), as MergeDuplicates decides.
bool SameFigure(const Fact& x, const Fact& y);
// One fact per figure: merges restatements, keeps the best evidence.
void MergeDuplicates(std::vector<Fact>& facts, uint32_t body_start);
// The same, a document's facts given a window at a time: each Merge()
// merges the facts appended since the last one into those before (distinct
// already) and drops the merged ones, with the same result as one
// MergeDuplicates over all of them, so that a large document does not hold
// its restatements until the end. `body_start` must not change between calls.
class DuplicateMerger {
 public:
  DuplicateMerger();
  ~DuplicateMerger();
  DuplicateMerger(const DuplicateMerger&) = delete;
  DuplicateMerger& operator=(const DuplicateMerger&) = delete;
  void Merge(std::vector<Fact>& facts, uint32_t body_start);
  // The same with the distinct facts kept packed (src/facts/packed.h):
  // merges `fresh` into `packed` and clears it. One merger keeps its facts
  // one way only.
  void Merge(std::vector<Fact>& fresh, std::vector<std::string>& packed, uint32_t body_start);

 private:
  struct Index;                   // the distinct facts by bucket key and measure (merge.cc)
  std::unique_ptr<Index> index_;
  size_t kept_ = 0;               // facts[0, kept_) are distinct
};
// Orders facts by type, keeping the order within a type (std::stable_sort's result).
void StableSortByType(std::vector<Fact>& facts);
// The same for packed facts (src/facts/packed.h).
void StableSortByType(std::vector<std::string>& packed);

// The evidence of a fact found in sentence s: its span only. The text is
// copied once the facts are merged (FillEvidenceText): a sentence of
// thousands of figures made thousands of copies of itself, quadratic in
// time and memory, for facts most of which merge away.
Evidence SentenceEvidence(const DocContext& ctx, size_t s);
// Sets each evidence's text to its span of the document, where it is empty.
void FillEvidenceText(const Document& doc, std::vector<Fact>& facts, std::vector<Rejection>& rejected);

}  // namespace oborot::facts
