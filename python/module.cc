// The Python extension `oborot._oborot` (pybind11, Debian's pybind11-dev):
// the extractor, and party names for the knowledge-base helpers written in
// Python (python/oborot/__init__.py).
//
//   ex = oborot._oborot.Extractor()
//   lines = ex.process("Товарооборот составил …", "", "doc-1", "2024-03-01", "", "")   # JSONL strings
//
// process() releases the GIL while the C++ engine runs: an Extractor is
// immutable and shared by threads (src/README.md), so several Python threads
// extract in parallel. Bad input raises ValueError naming the document.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "oborot/extractor.h"
#include "src/kb/names.h"

namespace py = pybind11;

namespace {

class PyExtractor {
 public:
  PyExtractor() {
    auto ex = oborot::Extractor::Create();
    if (!ex.ok()) throw std::runtime_error(ex.status().ToString());
    ex_ = *ex;
  }

  // Exactly one of text and html is non-empty (checked in Python).
  std::vector<std::string> Process(const std::string& text, const std::string& html, const std::string& id,
                                   const std::string& published, const std::string& title, const std::string& url,
                                   size_t max_doc_bytes) const {
    oborot::RawInput in;
    in.id = id;
    in.source = id;
    in.bytes = html.empty() ? text : html;
    in.format = html.empty() ? oborot::InputFormat::kText : oborot::InputFormat::kHtml;
    in.published = published;
    in.title = title;
    in.url = url;
    std::vector<std::string> lines;
    std::optional<oborot::Status> error;
    {
      py::gil_scoped_release release;  // the engine touches no Python object
      auto r = ex_->Process(in, {.max_doc_bytes = max_doc_bytes, .explain = false});
      if (r.ok()) {
        lines = ex_->ToJsonLines(*r);
      } else {
        error = r.status();
      }
    }
    if (error) throw py::value_error(error->ToString());
    return lines;
  }

 private:
  std::shared_ptr<const oborot::Extractor> ex_;
};

const oborot::kb::PartyNames& Names() {
  static const oborot::kb::PartyNames kNames = [] {
    auto n = oborot::kb::PartyNames::Load();
    if (!n.ok()) throw std::runtime_error(n.status().ToString());
    return std::move(*n);
  }();
  return kNames;
}

}  // namespace

PYBIND11_MODULE(_oborot, m) {
  m.doc() = "oborot's C++ engine: fact extraction from Russian-language trade news";
  py::class_<PyExtractor>(m, "Extractor")
      .def(py::init<>())
      .def("process", &PyExtractor::Process, py::arg("text"), py::arg("html"), py::arg("id"), py::arg("published"),
           py::arg("title"), py::arg("url"), py::arg("max_doc_bytes"),
           "JSONL lines of the fact contract for one document (document line first); releases the GIL");
  m.def(
      "party_name", [](const std::string& code) { return Names().Name(code); }, py::arg("code"),
      "the Russian name of a party code, or '' when unknown");
  m.def(
      "resolve_party", [](const std::string& form) { return Names().Resolve(form); }, py::arg("form"),
      "the code of a party name in any form, or None");
}
