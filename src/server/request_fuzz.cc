// libFuzzer target: the server's request and query handling. The input is a
// request target ("/api/facts?party=RU-KLU&type=turnover"); it goes through
// the same steps as in the server (Decode, BadPath, ParseQuery, HostName,
// Printable) and, for /api/ paths, Api::Get on a knowledge base made once
// from the built-in sample corpus. Checks: every answer is a JSON document
// with a status the API documents; no crash, no undefined behaviour.
#include <nlohmann/json.hpp>
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "oborot/extractor.h"
#include "src/base/data.h"
#include "src/kb/store.h"
#include "src/server/api.h"
#include "src/server/request.h"

namespace {

// A small knowledge base in a temporary folder: a few sample articles.
std::unique_ptr<oborot::server::Api> MakeApi() {
  char tmpl[] = "/tmp/oborot_request_fuzz_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) std::abort();
  const std::string db = std::string(tmpl) + "/kb.db";
  auto ex = oborot::Extractor::Create();
  auto store = oborot::kb::Store::Open(db, {});
  if (!ex.ok() || !store.ok()) std::abort();
  for (const char* name : {"sample/02_kaluga_2021.txt", "sample/07_gomel_bryansk_2022.txt",
                           "sample/17_russia_china_2024.txt"}) {
    auto bytes = oborot::data::Read(name);
    if (!bytes.ok()) continue;
    oborot::RawInput in;
    in.id = std::filesystem::path(name).stem().string();
    in.source = name;
    in.bytes = *bytes;
    auto r = (*ex)->Process(in, {});
    if (!r.ok()) continue;
    const auto lines = (*ex)->ToJsonLines(*r);
    std::vector<nlohmann::json> facts;
    for (size_t i = 1; i < lines.size(); ++i) facts.push_back(nlohmann::json::parse(lines[i]));
    if (!(*store)->IngestDocument(nlohmann::json::parse(lines[0]), facts, r->doc.text).ok()) std::abort();
  }
  store->reset();
  auto api = oborot::server::Api::Open(db, {});
  if (!api.ok()) std::abort();
  return std::move(*api);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<oborot::server::Api> api = MakeApi();
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  (void)oborot::server::HostName(target);
  (void)oborot::server::Printable(target);
  const size_t q = target.find('?');
  const std::string path = oborot::server::Decode(target.substr(0, q), false);
  const auto params = oborot::server::ParseQuery(q == std::string_view::npos ? "" : target.substr(q + 1));
  if (oborot::server::BadPath(path) || path.rfind("/api/", 0) != 0) return 0;
  const oborot::server::ApiResponse r = api->Get(path, params);
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_discarded()) std::abort();
  if (r.status != 200 && r.status != 400 && r.status != 404 && r.status != 414 && r.status != 500) std::abort();
  return 0;
}
