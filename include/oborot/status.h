// Status and Result: expected failures as values.
//
//   oborot::Result<Document> doc = reader.Read("a.txt");
//   if (!doc.ok()) { std::cerr << doc.status().ToString() << "\n"; return 1; }
//   Use(*doc);
//
// GCC 12 ships no std::expected in C++20, so Result<T> is a small variant of a
// value and a Status. Messages name the input and, where known, the byte offset.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace oborot {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a usage error: bad option, bad value
  kInvalidInput,     // a document that cannot be read as text (invalid UTF-8, binary)
  kEmpty,            // a document with no text
  kTooLarge,         // over the configured size limit
  kNotFound,         // a file, party or record that does not exist
  kIoError,          // the operating system refused a read or write
  kCorrupt,          // a database or data file that is damaged
  kUnsupported,      // e.g. a database made by a newer version
  kInternal,         // a bug: should never reach a user
};

std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_input: a.txt: invalid UTF-8 at byte 120"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}      // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace oborot

// Programmer errors only; never reachable from user input. On in Debug and CI.
#ifdef OBOROT_ENABLE_ASSERT
#include <cstdio>
#include <cstdlib>
#define OBOROT_ASSERT(cond)                                                        \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                \
    }                                                                              \
  } while (0)
#else
#define OBOROT_ASSERT(cond) ((void)0)
#endif
