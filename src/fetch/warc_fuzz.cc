// libFuzzer target: the WARC reader (libarchive's raw format and
// decompression filters, then the record framing, the stored HTTP answer,
// de-chunking and inflating) over the input written to a file, and the HTTP
// helpers on the input itself. Checks: no crash, no undefined behaviour;
// the reader ends; no document is over its byte budget.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/fetch/warc.h"

namespace {

constexpr size_t kMaxDoc = 64 * 1024;

// One file per fuzzing process, rewritten for each input and removed at exit.
struct TempFile {
  std::string path;
  TempFile() {
    const char* tmp = std::getenv("TMPDIR");
    path = std::string(tmp && *tmp ? tmp : "/tmp") + "/oborot_warc_fuzz_" + std::to_string(getpid()) + ".warc";
  }
  ~TempFile() { std::remove(path.c_str()); }
};

const std::string& Path() {
  static const TempFile file;
  return file.path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  size_t body = 0;
  (void)oborot::fetch::ParseHttpHead(bytes, &body);
  (void)oborot::fetch::Dechunk(bytes, kMaxDoc);
  if (auto inflated = oborot::fetch::Inflate(bytes, kMaxDoc); inflated.ok() && inflated->size() > kMaxDoc) std::abort();
  std::string type, charset;
  oborot::fetch::SplitContentType(bytes.substr(0, 256), &type, &charset);

  std::FILE* f = std::fopen(Path().c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  auto reader = oborot::fetch::WarcReader::Open(Path(), {.max_doc_bytes = kMaxDoc});
  if (!reader.ok()) return 0;
  for (int n = 0; n < 100000; ++n) {
    auto next = (*reader)->Next();
    if (!next) break;
    if (next->ok() && (*next)->bytes.size() > kMaxDoc) std::abort();
  }
  return 0;
}
