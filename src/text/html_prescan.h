// Internal to src/text/html*.cc: a linear pre-scan of an HTML page that
// keeps gumbo linear too.
//
//   html::Prescanned p = html::PrescanHtml(page, {.elements = 200000, .depth = 256, .attributes = 128});
//   Dom dom(p.html());   // `page` itself when nothing was changed
//
// gumbo (0.10) is quadratic in nesting depth (scope checks walk the stack of
// open elements for each tag), in the number of formatting elements left
// open (each text run re-creates all of them), and in the attributes of one
// element (a duplicate check per attribute); it also has no element limit.
// The pre-scan tokenises the page the way an HTML tokeniser does (tags,
// attributes with quoted values, comments, raw-text elements such as
// <script>), models the stack of open elements with the common implied end
// tags (<p>, <li>, <dd>/<dt>, <option>, <tr>/<td>/<th>), and rewrites the
// page so that, in its model:
//   - no more than `depth` elements are open at once: a deeper start tag is
//     dropped (its text stays, in the enclosing element);
//   - no more than max(8, depth / 8) formatting elements (<b>, <i>, <font>,
//     <a>, ...) are left open: further formatting start tags are dropped;
//   - no element keeps more than `attributes` attributes;
//   - the page ends before the first start tag kept past `elements`.
// Raw-text elements (<script>, <style>, <title>, <textarea>, ...) are never
// dropped, so their contents never become text. Each change is counted for
// the warning that names the budget. One pass, O(size × depth) at worst with
// a small constant (a stack search per end tag), linear for real pages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oborot::text::html {

struct PrescanLimits {
  size_t elements = 200'000;
  size_t depth = 256;
  size_t attributes = 128;
};

struct Prescanned {
  // The page to parse: the input (valid as long as it is) or the rewritten copy.
  std::string_view html() const { return changed ? std::string_view(rewritten) : original; }
  std::string_view original;
  std::string rewritten;  // the changed page, when `changed`
  bool changed = false;
  size_t deep_dropped = 0;        // start tags dropped for depth
  size_t formatting_dropped = 0;  // formatting start tags dropped
  size_t attributes_dropped = 0;  // attributes dropped
  size_t cut_at = 0;              // byte offset where the page was cut (0: not cut)
  size_t elements = 0;            // start tags kept (up to the cut)
  size_t max_depth = 0;           // deepest nesting in the model after the changes
};

Prescanned PrescanHtml(std::string_view page, const PrescanLimits& limits);

}  // namespace oborot::text::html
