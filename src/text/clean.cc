#include "src/text/clean.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <unordered_map>

#include "src/base/data.h"
#include "src/base/multi_search.h"
#include "src/base/string_map.h"
#include "src/base/utf8.h"
#include "src/text/published.h"

namespace oborot::text {
namespace {

enum class PatternKind : uint8_t { kSidebarStart, kLineDrop, kFeedItem, kSubscribe, kCaption, kHubIntro };
enum class MatchMode : uint8_t { kExact, kPrefix, kContains };

struct Pattern {
  std::string text;  // folded
  PatternKind kind;
  MatchMode mode;
};

struct Lexicon {
  StringMap<PatternKind> exact;
  std::vector<Pattern> prefix;
  FoldedMultiSearcher contains;  // all "contains" patterns in one automaton, in file order
  std::vector<PatternKind> contains_kind;
  // The most code points of an exact or prefix pattern: a line's fold
  // beyond them is never compared.
  size_t fold_prefix_cps = 0;
  // The prefix patterns' first folded bytes, by the line length they allow
  // ([0]: sidebar starts, up to 60 code points; [1]: the others, up to 300):
  // whether one is empty, bit b0 of heads1 for a one-byte pattern, bit
  // b0 << 8 | b1 of heads2 for a longer one. A line whose first two folded
  // bytes hit none of them matches no prefix pattern (most lines), tested
  // without a loop over the patterns.
  bool empty_prefix[2] = {false, false};
  uint64_t heads1[2][4] = {};
  std::vector<uint64_t> heads2[2] = {std::vector<uint64_t>(1024), std::vector<uint64_t>(1024)};
};

const Lexicon& Boilerplate() {
  static const Lexicon lex = [] {
    Lexicon l;
    auto text = data::Read("lexicons/boilerplate.tsv");
    if (!text.ok()) return l;  // validated at build time; an empty lexicon only weakens cleaning
    auto rows = data::ParseTsv("lexicons/boilerplate.tsv", *text, 3);
    if (!rows.ok()) return l;
    for (const auto& row : *rows) {
      const std::string& k = row.cols[1];
      PatternKind kind = PatternKind::kLineDrop;
      if (k == "sidebar_start") kind = PatternKind::kSidebarStart;
      else if (k == "subscribe") kind = PatternKind::kSubscribe;
      else if (k == "caption") kind = PatternKind::kCaption;
      else if (k == "hub_intro") kind = PatternKind::kHubIntro;
      else if (k == "feed_item") kind = PatternKind::kFeedItem;
      std::string pat = FoldCase(row.cols[0]);
      const std::string& m = row.cols[2];
      if (m == "exact" || m == "prefix") l.fold_prefix_cps = std::max(l.fold_prefix_cps, CodePointCount(pat));
      if (m == "exact") {
        l.exact.try_emplace(std::move(pat), kind);
      } else if (m == "prefix") {
        const int by_length = kind == PatternKind::kSidebarStart ? 0 : 1;
        if (pat.empty()) {
          l.empty_prefix[by_length] = true;
        } else if (pat.size() == 1) {
          const auto b0 = static_cast<unsigned char>(pat[0]);
          l.heads1[by_length][b0 >> 6] |= uint64_t{1} << (b0 & 63);
        } else {
          const unsigned v = static_cast<unsigned char>(pat[0]) << 8 | static_cast<unsigned char>(pat[1]);
          l.heads2[by_length][v >> 6] |= uint64_t{1} << (v & 63);
        }
        l.prefix.push_back({std::move(pat), kind, MatchMode::kPrefix});
      } else {
        l.contains.Add(pat);
        l.contains_kind.push_back(kind);
      }
    }
    l.contains.Build();
    return l;
  }();
  return lex;
}

// Trims Unicode white space (NBSP, thin spaces included) from both ends.
Span Trim(std::string_view s, Span sp) {
  size_t b = sp.start, e = sp.end;
  while (b < e) {
    size_t i = b;
    if (!IsSpace(NextCodePoint(s, i)) || i > e) break;
    b = i;
  }
  while (e > b) {
    size_t i = e;
    if (!IsSpace(PrevCodePoint(s, i)) || i < b) break;
    e = i;
  }
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in = false;
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, i);
    const bool w = IsLetter(cp) || IsDigit(cp);
    if (w && !in) ++words;
    in = w;
  }
  return words;
}

bool EndsSentence(std::string_view s) {
  if (s.empty()) return false;
  size_t i = s.size();
  char32_t cp = PrevCodePoint(s, i);
  while ((cp == U'»' || cp == U'"' || cp == U'”' || cp == U')') && i > 0) cp = PrevCodePoint(s, i);
  return cp == U'.' || cp == U'!' || cp == U'?' || cp == U'…';
}

// A paragraph of count code points that reads as article prose: long, with
// at least two sentence ends.
bool BodyLike(std::string_view s, size_t count) {
  if (count < 250 || !EndsSentence(s)) return false;
  size_t ends = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') ++ends;
  }
  return ends >= 1;
}

// «Сергей Собянин … - Sputnik Беларусь, 1920, 23.12.2024»: an image caption
// that a page repeats with the site name, image width and date.
bool IsCaptionStamp(std::string_view line) {
  if (line.size() > 600) return false;
  auto dates = FindDates(line);
  if (dates.empty() || dates.back().form != DateForm::kNumeric || dates.back().span.end + 8 < line.size()) return false;
  std::string_view before = line.substr(0, dates.back().span.start);
  while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.remove_suffix(1);
  const bool dash = before.find(" - ") != std::string_view::npos || before.find(" \u2013 ") != std::string_view::npos ||
                    before.find(" \u2014 ") != std::string_view::npos;
  return dash && line.find(", ") != std::string_view::npos;
}

// «Делегация осмотрела завод и подписала договор. © БелТА»: a credit mark
// after at least twelve words that end a sentence.
bool CreditAfterProse(std::string_view line) {
  size_t at = line.find("\u00a9");
  if (at == std::string_view::npos) at = line.find("(c) ");
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view before = line.substr(0, at);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return CountWords(before) >= 12 && EndsSentence(before);
}

// "Главная | Новости | Экономика": three or more short items between separators.
bool IsMenuLine(std::string_view line) {
  size_t seps = 0;
  for (std::string_view sep : {"|", "\u2022", "\u00b7"}) {
    for (size_t p = line.find(sep); p != std::string_view::npos; p = line.find(sep, p + sep.size())) ++seps;
  }
  // " / ", non-overlapping, found by its slash (find(" / ") stops at every space)
  for (size_t from = 0;;) {
    const size_t q = line.find('/', from + 1);
    if (q == std::string_view::npos || q + 1 >= line.size()) break;
    if (line[q - 1] == ' ' && line[q + 1] == ' ') {
      ++seps;
      from = q + 2;
    } else {
      from = q;
    }
  }
  if (seps < 2) return false;
  return CountWords(line) <= (seps + 1) * 3 && !EndsSentence(line);
}

// A line that is one decimal number and nothing else: «4,160», «-3,718», «0.25» (a table cell).
bool DecimalCell(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == int_start || i == s.size() || (s[i] != ',' && s[i] != '.')) return false;
  const size_t frac_start = ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i == s.size() && i > frac_start;
}

bool ShortItem(std::string_view s, size_t count) {
  return count <= 25 && CountWords(s) <= 3 && !EndsSentence(s) && s.find(':') == std::string_view::npos;
}

// Which boilerplate pattern a trimmed line of cps code points
// (CodePointCount) matches, on its case-folded form. One pass
// (FoldedMultiSearcher::ScanLine) reads the line a code point at a time into
// the "contains" automaton (which folds as it reads) and counts its code
// points; the line itself is folded into a string (*scratch) only as far as
// the exact and prefix patterns reach (Lexicon::fold_prefix_cps code
// points), and only when one of them may match. Folding every line was a quarter of the cleaner's time.
std::optional<PatternKind> MatchBoilerplate(std::string_view body, size_t count, std::string* scratch) {
  const Lexicon& lex = Boilerplate();
  // Patterns only ever match lines of up to 401 code points (the limit that
  // a loop "while (cps <= 400) advance" makes): a longer line is prose.
  // Every byte that is not a continuation byte starts a code point of its
  // own, valid UTF-8 or not, so CodePointCount is a quick lower bound.
  constexpr size_t kMaxCps = 401;
  if (count > kMaxCps) return std::nullopt;
  const FoldedMultiSearcher::LineScan scan = lex.contains.ScanLine(body, kMaxCps, lex.fold_prefix_cps);
  if (scan.too_long) return std::nullopt;
  const size_t cps = scan.cps, prefix_end = scan.mark_end;
  const int contains = scan.first;
  const bool all_folded = cps <= lex.fold_prefix_cps;
  // Without its trailing ':', ' ' and '.': folding keeps those characters and
  // makes no others into them, so the stripped fold is in f when the
  // stripped line ends within its folded start.
  size_t stripped_end = body.size();
  while (stripped_end > 0 && (body[stripped_end - 1] == ':' || body[stripped_end - 1] == ' ' ||
                              body[stripped_end - 1] == '.')) {
    --stripped_end;
  }
  const bool stripped_in_f = all_folded || stripped_end <= prefix_end;
  // The first two folded bytes decide for nearly every prefix pattern.
  char head[8];
  size_t head_len = 0;
  for (size_t j = 0; j < body.size() && head_len < 2;) head_len += FoldNextCodePoint(body, j, head + head_len);
  auto heads_may_match = [&](int k) {
    if (lex.empty_prefix[k]) return true;
    if (head_len == 0) return false;
    const auto b0 = static_cast<unsigned char>(head[0]);
    if ((lex.heads1[k][b0 >> 6] >> (b0 & 63)) & 1) return true;
    if (head_len < 2) return false;
    const unsigned v = b0 << 8 | static_cast<unsigned char>(head[1]);
    return ((lex.heads2[k][v >> 6] >> (v & 63)) & 1) != 0;
  };
  const bool prefix_may_match = (cps <= 60 && heads_may_match(0)) || (cps <= 300 && heads_may_match(1));
  if (!stripped_in_f && !prefix_may_match) {
    // neither exact (all_folded implies stripped_in_f) nor prefix patterns can match
    if (contains >= 0) return lex.contains_kind[static_cast<size_t>(contains)];
    return std::nullopt;
  }
  std::string& f = *scratch;  // the folded start of the line
  f = FoldCase(body.substr(0, prefix_end));
  if (all_folded) {
    if (auto it = lex.exact.find(std::string_view(f)); it != lex.exact.end()) return it->second;
  }
  if (stripped_in_f) {
    std::string_view stripped = f;
    while (!stripped.empty() && (stripped.back() == ':' || stripped.back() == ' ' || stripped.back() == '.')) {
      stripped.remove_suffix(1);
    }
    if (auto it = lex.exact.find(stripped); it != lex.exact.end()) return it->second;
  }
  for (const auto& p : lex.prefix) {
    // the first two bytes (one Cyrillic letter) decide for nearly every pattern, without a memcmp call
    if (!p.text.empty() && (f.empty() || f[0] != p.text[0])) continue;
    if (p.text.size() > 1 && (f.size() < 2 || f[1] != p.text[1])) continue;
    if (f.compare(0, p.text.size(), p.text) != 0) continue;
    // A sidebar heading is short; credits and tags may run longer but not to prose length.
    if (p.kind == PatternKind::kSidebarStart ? cps <= 60 : cps <= 300) return p.kind;
  }
  // the first pattern of the file that occurs, as a loop over the patterns would find
  if (contains >= 0) return lex.contains_kind[static_cast<size_t>(contains)];
  return std::nullopt;
}

// "date 2025-11-21" at the start of the text (a scraper's metadata); returns
// the date and the length of the prefix.
std::optional<std::pair<Date, size_t>> MetadataPrefix(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::string_view rest = line.substr(i);
  size_t key = 0;
  if (rest.substr(0, 4) == "date" || rest.substr(0, 4) == "Date") key = 4;
  else if (rest.substr(0, 9) == "published") key = 9;
  if (!key) return std::nullopt;
  size_t j = i + key;
  if (j < line.size() && line[j] == ':') ++j;
  if (j >= line.size() || (line[j] != ' ' && line[j] != '\t')) return std::nullopt;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  auto d = Date::Parse(line.substr(j, 10));
  if (!d || !d->valid()) return std::nullopt;
  j += 10;
  // An ISO time may follow: "2025-11-21T09:00:00+03:00".
  while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
  return std::make_pair(*d, j);
}

}  // namespace

std::string_view LineKindName(LineKind k) {
  switch (k) {
    case LineKind::kBlank: return "blank";
    case LineKind::kBody: return "body";
    case LineKind::kMetadata: return "metadata";
    case LineKind::kChrome: return "chrome";
    case LineKind::kStamp: return "stamp";
    case LineKind::kCaption: return "caption";
    case LineKind::kSubscribe: return "subscribe";
    case LineKind::kSidebar: return "sidebar";
    case LineKind::kHub: return "hub";
    case LineKind::kDuplicate: return "duplicate";
    case LineKind::kMenu: return "menu";
  }
  return "unknown";
}

Cleaned CleanText(std::string_view s, bool valid_utf8) {
  Cleaned c;
  auto body = [&](const CleanLine& l) { return s.substr(l.body.start, l.body.end - l.body.start); };
  std::vector<uint32_t> cps;  // CodePointCount(body(c.lines[i]))
  {
    // sized once (a line per '\n', '\r' lines aside): a multi-megabyte text has
    // hundreds of thousands of lines, and growing by doubling kept up to twice their size
    const size_t lines = static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) + 1;
    c.lines.reserve(lines);
    cps.reserve(lines);
  }
  // 1. Lines.
  for (size_t pos = 0; pos <= s.size();) {
    // the line ends at the first \n or \r: two memchr scans (find_first_of
    // would call memchr on its two-byte set once per text byte)
    const char* from = s.data() + pos;
    const size_t rest = s.size() - pos;
    const void* nl = rest ? std::memchr(from, '\n', rest) : nullptr;
    size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - s.data()) : s.size();
    if (const void* cr = end > pos ? std::memchr(from, '\r', end - pos) : nullptr) {
      end = static_cast<size_t>(static_cast<const char*>(cr) - s.data());
    }
    CleanLine line;
    line.orig = {static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
    line.body = Trim(s, line.orig);
    line.kind = line.body.start == line.body.end ? LineKind::kBlank : LineKind::kBody;
    c.lines.push_back(line);
    // every line's code point count, counted once for all the steps below
    cps.push_back(line.kind == LineKind::kBlank ? 0 : static_cast<uint32_t>(CodePointCount(body(line))));
    if (end == s.size()) break;
    pos = end + (s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n' ? 2 : 1);
  }
  auto count = [&](const CleanLine& l) -> size_t { return cps[static_cast<size_t>(&l - c.lines.data())]; };

  // 2. A scraper's metadata line at the top.
  for (auto& l : c.lines) {
    if (l.kind == LineKind::kBlank) continue;
    if (auto m = MetadataPrefix(body(l))) {
      c.metadata_date = m->first;
      l.body = Trim(s, {static_cast<uint32_t>(l.body.start + m->second), l.body.end});
      if (l.body.start == l.body.end) l.kind = LineKind::kMetadata;
      cps[static_cast<size_t>(&l - c.lines.data())] = static_cast<uint32_t>(CodePointCount(body(l)));
    }
    break;
  }

  // 3. Line by line; a sidebar heading swallows what follows until prose resumes.
  bool in_sidebar = false;
  bool top_sidebar = false;  // opened by a heading above the article («Новости дня» at the top)
  bool prose_seen = false;   // a kept line of five words or more came before
  bool blank_before = true;
  std::vector<size_t> feed_items;  // lines like «Читать новость»
  std::string scratch;
  for (auto& l : c.lines) {
    if (l.kind != LineKind::kBody) {
      blank_before = l.kind == LineKind::kBlank || blank_before;
      continue;
    }
    const std::string_view b = body(l);
    if (in_sidebar) {
      if ((blank_before || top_sidebar) && BodyLike(b, count(l))) {
        in_sidebar = false;
        // A feed above the article ends with the article's own headline
        // (and stamp): give them back.
        if (top_sidebar) {
          for (size_t k = static_cast<size_t>(&l - c.lines.data()); k-- > 0;) {
            CleanLine& prev = c.lines[k];
            if (prev.kind == LineKind::kBlank) continue;
            if (prev.kind != LineKind::kSidebar) break;
            const std::string_view pb = body(prev);
            if (IsStampLine(pb)) {
              prev.kind = LineKind::kStamp;
              continue;
            }
            if (count(prev) >= 10 && count(prev) <= 300 && CountWords(pb) >= 3 && !EndsSentence(pb)) {
              prev.kind = LineKind::kBody;
            }
            break;
          }
        }
        top_sidebar = false;
      } else {
        l.kind = LineKind::kSidebar;
        blank_before = false;
        continue;
      }
    }
    blank_before = false;
    if (const auto k = MatchBoilerplate(b, count(l), &scratch)) {
      switch (*k) {
        case PatternKind::kSidebarStart:
          l.kind = LineKind::kSidebar;
          in_sidebar = true;
          top_sidebar = !prose_seen;
          break;
        case PatternKind::kLineDrop: l.kind = LineKind::kChrome; break;
        case PatternKind::kFeedItem:
          l.kind = LineKind::kChrome;
          feed_items.push_back(static_cast<size_t>(&l - c.lines.data()));
          break;
        case PatternKind::kSubscribe: l.kind = LineKind::kSubscribe; break;
        case PatternKind::kCaption:
          // a paragraph of prose that ends with the site's credit («… © БелТА») is content
          l.kind = CreditAfterProse(b) ? LineKind::kBody : LineKind::kCaption;
          break;
        case PatternKind::kHubIntro: l.kind = LineKind::kHub; break;
      }
      continue;
    }
    if (IsCaptionStamp(b)) l.kind = LineKind::kCaption;
    else if (IsStampLine(b)) l.kind = IsDateWidget(b) ? LineKind::kChrome : LineKind::kStamp;
    else if (IsMenuLine(b)) l.kind = LineKind::kMenu;
    if (!prose_seen && l.kind == LineKind::kBody && CountWords(b) >= 5) prose_seen = true;
  }

  // 4. A topic hub above the article: everything up to its intro line, when
  // that intro comes among the first lines and nothing before it is prose.
  {
    size_t seen = 0;
    for (size_t i = 0; i < c.lines.size() && seen < 6; ++i) {
      if (c.lines[i].kind == LineKind::kBlank) continue;
      ++seen;
      if (c.lines[i].kind == LineKind::kBody && BodyLike(body(c.lines[i]), count(c.lines[i]))) break;
      if (c.lines[i].kind == LineKind::kHub) {
        for (size_t j = 0; j < i; ++j) {
          if (c.lines[j].kind != LineKind::kBlank) c.lines[j].kind = LineKind::kHub;
        }
        break;
      }
    }
  }

  // 5. News-feed items without a heading: two or more «Читать новость» lines
  // make a feed that starts after the last prose paragraph before the first one.
  if (feed_items.size() >= 2) {
    size_t start = feed_items.front();
    while (start > 0 &&
           !(c.lines[start - 1].kind == LineKind::kBody && BodyLike(body(c.lines[start - 1]), count(c.lines[start - 1])))) {
      --start;
    }
    for (size_t i = start; i < c.lines.size(); ++i) {
      if (c.lines[i].kind != LineKind::kBlank) c.lines[i].kind = LineKind::kSidebar;
    }
  }

  // 6. Runs of four or more one-word lines (menus, rubric lists), also when
  // lines dropped already (chrome, menus) stand between them. A run with a
  // decimal number of its own («4,160», «-3,718») is a table rendered one cell
  // per line (year, turnover, export, import), which src/facts/rules_table.cc
  // reads: kept. A menu's items and a pager's page numbers have no decimals.
  auto dropped = [](LineKind k) { return k == LineKind::kChrome || k == LineKind::kMenu || k == LineKind::kSubscribe; };
  for (size_t i = 0; i < c.lines.size();) {
    size_t j = i, n = 0;
    bool table = false;
    while (j < c.lines.size() && (c.lines[j].kind == LineKind::kBlank || (j > i && dropped(c.lines[j].kind)) ||
                                   (c.lines[j].kind == LineKind::kBody && ShortItem(body(c.lines[j]), count(c.lines[j]))))) {
      if (c.lines[j].kind == LineKind::kBody) {
        ++n;
        table |= DecimalCell(body(c.lines[j]));
      }
      ++j;
    }
    if (n >= 4 && !table) {
      for (size_t k = i; k < j; ++k) {
        if (c.lines[k].kind == LineKind::kBody) c.lines[k].kind = LineKind::kMenu;
      }
    }
    i = j > i ? j : i + 1;
  }

  // 7. Second copies of the first kept line (a headline printed twice) or of
  // a long paragraph (a repeated lead). Short lines repeat legitimately: the
  // attribution «сказал Лукашенко.» after each quote.
  {
    // Lines compare by their folds. Folding every kept line costs more than
    // the rest of this step, so lines are first grouped by a count their
    // folds share when equal: in valid UTF-8, CodePointCount (folding maps a
    // code point to one code point); otherwise the hash of the fold itself.
    // A line's fold is kept only as its 64-bit hash (a multi-megabyte text
    // held its folded lines, as large as the text, at the document's peak);
    // lines whose hashes match are folded again and compared, so a hash
    // collision never drops a line.
    const bool valid = valid_utf8 || !FirstInvalidUtf8(s).has_value();
    std::vector<std::optional<uint64_t>> hashes(c.lines.size());
    std::string fold_a, fold_b;  // scratch: a fold being compared
    auto hash = [&](size_t li) -> uint64_t {
      if (!hashes[li]) {
        fold_a = FoldCase(body(c.lines[li]));
        hashes[li] = std::hash<std::string_view>{}(fold_a);
      }
      return *hashes[li];
    };
    auto same_fold = [&](size_t a, size_t b) {
      if (hash(a) != hash(b)) return false;
      fold_a = FoldCase(body(c.lines[a]));
      fold_b = FoldCase(body(c.lines[b]));
      return fold_a == fold_b;
    };
    // Per group, its first line (not hashed until a second one comes) and
    // the lines seen by the hash of their fold: a scan of the group per line
    // was quadratic in a multi-megabyte text of many paragraphs of the same
    // length.
    struct Group {
      std::optional<size_t> first;
      std::unordered_multimap<uint64_t, size_t> lines;
    };
    std::unordered_map<size_t, Group> seen;
    std::optional<size_t> first;
    size_t first_group = 0;
    for (size_t li = 0; li < c.lines.size(); ++li) {
      CleanLine& l = c.lines[li];
      if (l.kind != LineKind::kBody) continue;
      const size_t n = cps[li];
      const size_t group = valid ? n : hash(li);
      if (!first) {
        first = li;
        first_group = group;
        continue;
      }
      if (group == first_group && same_fold(li, *first)) {
        l.kind = LineKind::kDuplicate;
        continue;
      }
      if (n < 60) continue;
      Group& g = seen[group];
      if (!g.first) {
        g.first = li;
        continue;
      }
      if (g.lines.empty()) g.lines.emplace(hash(*g.first), *g.first);
      const uint64_t h = hash(li);
      bool duplicate = false;
      for (auto [it, end] = g.lines.equal_range(h); it != end && !duplicate; ++it) duplicate = same_fold(li, it->second);
      if (duplicate) {
        l.kind = LineKind::kDuplicate;
      } else {
        g.lines.emplace(h, li);
      }
    }
  }

  // 8. Output: kept lines joined by '\n', with the offset map, each sized
  // once (the text is as large as the document, and it is kept while the
  // document is read: grown by doubling it held up to twice its size).
  {
    size_t bytes = 0, kept = 0;
    for (const auto& l : c.lines) {
      if (l.kind != LineKind::kBody) continue;
      bytes += l.body.end - l.body.start + (kept > 0);
      ++kept;
    }
    c.text.reserve(bytes);
    c.offsets.reserve(kept);
    c.paragraphs.reserve(kept);
  }
  for (auto& l : c.lines) {
    if (l.kind == LineKind::kBody) {
      if (!c.text.empty()) c.text.push_back('\n');
      const auto start = static_cast<uint32_t>(c.text.size());
      c.text.append(body(l));
      c.offsets.push_back({start, l.body.start, l.body.end - l.body.start});
      l.paragraph = static_cast<int>(c.paragraphs.size());
      c.paragraphs.push_back({start, static_cast<uint32_t>(c.text.size())});
    } else if (l.kind != LineKind::kBlank) {
      std::string entry(LineKindName(l.kind));
      entry += ": ";
      entry += l.kind == LineKind::kMetadata ? s.substr(l.orig.start, l.orig.end - l.orig.start) : body(l);
      c.removed.push_back(std::move(entry));
    }
  }
  return c;
}

}  // namespace oborot::text
