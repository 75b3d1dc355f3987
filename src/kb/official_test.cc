#include "src/kb/official.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "src/kb/csv_reader.h"
#include "src/kb/kb_test_util.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::Meeting;
using testing::TempDir;
using testing::Turnover;

nlohmann::json Flow(const std::string& from, const std::string& to, double value, int year,
                    const std::string& currency = "USD") {
  nlohmann::json j;
  j["type"] = "trade_flow";
  j["parties"] = from < to ? nlohmann::json{from, to} : nlohmann::json{to, from};
  j["from"] = from;
  j["to"] = to;
  j["status"] = "actual";
  j["value"] = value;
  j["currency"] = currency;
  j["qualifier"] = "exact";
  j["year"] = year;
  j["period"] = "year";
  j["evidence"] = {{"text", "Экспорт составил."}, {"start", 0}, {"end", 17}};
  return j;
}

class OfficialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto s = Store::Open((dir_ / "kb.db").string(), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Begin().ok());
    Add("v1", "2024-02-10",
        {Turnover("BY", "RU-VOR", "actual", 1.2e9, 2023, "", "В 2023 году оборот достиг 1,2 млрд долларов."),
         Turnover("BY", "RU-VOR", "target", 2e9, 2025, "Александр Гусев"), Meeting("BY", "RU-VOR", "2024-02-09", "Минск"),
         Flow("BY", "RU-VOR", 8e8, 2023), Flow("RU-VOR", "BY", 4e8, 2023)});
    Add("v2", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.21e9, 2023, "Иван Петров")});
    Add("k1", "2024-05-01", {Turnover("BY", "RU-KLU", "actual", 50e9, 2023, "", "", "RUB"),
                             Turnover("BY", "RU-KLU", "target", 1e9, 2025)});
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Add(const std::string& id, const std::string& published, std::vector<nlohmann::json> facts) {
    auto r = store_->IngestDocument(DocLine(id, published, "Новость " + id), facts,
                                    "Текст новости о встрече и товарообороте.");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  Figure ActualOf(const std::string& party) {
    auto d = Show(store_->db(), party, 10);
    EXPECT_TRUE(d.ok());
    EXPECT_FALSE(d->figures.empty());
    return d->figures.empty() ? Figure{} : d->figures.front();
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

constexpr const char* kOfficialCsv =
    "reporter,partner,year,period,flow,value,currency,source,url\n"
    "BY,RU-VOR,2023,year,turnover,1000000000,USD,Belstat: trade by region,https://stat.example/by-regions\n"
    "BY,RU-VOR,2022,,export,700000000,USD,Belstat: trade by region,https://stat.example/by-regions\n"
    "BY,RU-VOR,2022,,import,300000000,USD,Belstat: trade by region,https://stat.example/by-regions\n"
    "XX,RU-VOR,2023,year,turnover,1,USD,s,https://x\n"      // line 5: unknown reporter
    "BY,RU-VOR,20x3,year,turnover,1,USD,s,https://x\n"      // line 6: bad year
    "BY,RU-VOR,2023,year,transit,1,USD,s,https://x\n"       // line 7: bad flow
    "BY,RU-VOR,2023,year,turnover,-5,USD,s,https://x\n"     // line 8: negative
    "BY,RU-VOR,2023,year,turnover,5,dollars,s,https://x\n"  // line 9: bad currency
    "BY,RU-VOR,2023,year,turnover,5,USD,,https://x\n"       // line 10: no source
    "BY,RU-VOR,2023,year,turnover,5,USD,s,\n"               // line 11: no url
    "BY,RU-VOR,2023,year,export,1e308,USD,s,https://x\n"   // line 12: no figure of trade (∞ when summed)
    "BY,RU-VOR,2023,year,import,1e19,USD,s,https://x\n"    // line 13: over 1e18
    "\"BY\",RU-KLU,2023,year,turnover,\"40 000 000 000\",RUB,\"Belstat, regions\",https://stat.example/klu\n";

bool Known(std::string_view code) { return code == "BY" || code == "RU-VOR" || code == "RU-KLU"; }

TEST_F(OfficialTest, ImportReportsBadRowsByLineAndImportsTheRest) {
  auto r = ImportOfficial(store_->db(), kOfficialCsv, "official.csv", Known);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->imported, 4u);
  ASSERT_EQ(r->errors.size(), 9u);
  const char* expected[] = {"official.csv:5: reporter",
                            "official.csv:6: year",
                            "official.csv:7: flow",
                            "official.csv:8: value",
                            "official.csv:9: currency",
                            "official.csv:10: no source",
                            "official.csv:11: url",
                            "official.csv:12: value \"1e308\" is over 1e18",
                            "official.csv:13: value \"1e19\" is over 1e18"};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(r->errors[i].rfind(expected[i], 0), 0u) << r->errors[i];
  // the same file again replaces rather than duplicates
  r = ImportOfficial(store_->db(), kOfficialCsv, "official.csv", Known);
  ASSERT_TRUE(r.ok());
  auto all = OfficialFiguresOf(store_->db(), "RU-VOR", 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
}

// Messages name the file as given; the stored `file` column keeps only its
// own name, no path of the importing machine.
TEST_F(OfficialTest, TheFileColumnKeepsTheFileNameNotTheImportersPath) {
  auto r = ImportOfficial(store_->db(), kOfficialCsv, "/home/analyst/stats/official.csv", Known);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->errors.empty());
  EXPECT_EQ(r->errors[0].rfind("/home/analyst/stats/official.csv:5: ", 0), 0u) << r->errors[0];
  auto rates = ImportRates(store_->db(), "year,currency,rate\n2023,RUB,85.5\n", "/tmp/x/rates.csv");
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  for (const char* sql : {"SELECT DISTINCT file FROM official_figures", "SELECT DISTINCT file FROM rates"}) {
    auto q = store_->db().PrepareOnce(sql);
    ASSERT_TRUE(q.ok());
    ASSERT_EQ(q->Step(), SQLITE_ROW) << sql;
    const std::string file(q->Text(0));
    EXPECT_TRUE(file == "official.csv" || file == "rates.csv") << sql << ": " << file;
    EXPECT_EQ(q->Step(), SQLITE_DONE) << sql;
  }
}

TEST_F(OfficialTest, AFileWithoutARequiredColumnOrNotUtf8IsRefusedWhole) {
  auto r = ImportOfficial(store_->db(), "reporter,partner,year,flow,value,currency,url\n", "x.csv", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("x.csv:1: no column \"source\""), std::string::npos) << r.status().ToString();
  r = ImportRates(store_->db(), "date,currency,rate\n2023-01-01,RUB,\xff\n", "r.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("r.csv: not UTF-8"), std::string::npos);
  r = ImportOfficial(store_->db(), "reporter,partner\n\"BY,RU\n", "q.csv", nullptr);
  EXPECT_FALSE(r.ok());
}

TEST_F(OfficialTest, AnnouncedBesideOfficialWithDifferenceAndContradiction) {
  ASSERT_TRUE(ImportOfficial(store_->db(), kOfficialCsv, "official.csv", Known).ok());
  auto rates = RateTable::Load(store_->db());
  ASSERT_TRUE(rates.ok());
  const Figure a = ActualOf("RU-VOR");
  auto c = CheckAgainstOfficial(store_->db(), a, *rates, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_TRUE(c->has_value());
  const OfficialCheck& check = **c;
  EXPECT_DOUBLE_EQ(check.value, 1e9);
  EXPECT_EQ(check.basis, "turnover");
  ASSERT_TRUE(check.difference_percent);
  EXPECT_NEAR(*check.difference_percent, 20.0, 1.0);  // 1.2 (or 1.21) bn announced against 1.0 official
  EXPECT_TRUE(check.contradicted);
  EXPECT_FALSE(check.converted);
  // a looser threshold, and a "more than" claim below the official figure, are not contradicted
  c = CheckAgainstOfficial(store_->db(), a, *rates, {.threshold_percent = 25});
  EXPECT_FALSE((*c)->contradicted);
  Figure floor = a;
  floor.value = 0.95e9;
  floor.qualifier = "more_than";
  c = CheckAgainstOfficial(store_->db(), floor, *rates, {});
  EXPECT_FALSE((*c)->contradicted);
  // export + import when no turnover row: 2022
  Figure y2022 = a;
  y2022.year = 2022;
  c = CheckAgainstOfficial(store_->db(), y2022, *rates, {});
  ASSERT_TRUE(c->has_value());
  EXPECT_DOUBLE_EQ((*c)->value, 1e9);
  EXPECT_EQ((*c)->basis, "export+import");
  // Parties carries the comparison
  auto rows = Parties(store_->db(), 10);
  ASSERT_TRUE(rows.ok());
  bool seen = false;
  for (const auto& r : *rows) {
    if (r.party_b != "RU-VOR") continue;
    seen = true;
    ASSERT_TRUE(r.actual && r.actual->official);
    EXPECT_TRUE(r.actual->official->contradicted);
    EXPECT_EQ(ToJson(r)["actual"]["official"]["contradicted"], true);
  }
  EXPECT_TRUE(seen);
}

TEST_F(OfficialTest, ARangeDiffersByItsNearerBoundAndHoldsTheOfficialFigureInside) {
  ASSERT_TRUE(ImportOfficial(store_->db(), kOfficialCsv, "official.csv", Known).ok());
  auto rates = RateTable::Load(store_->db());
  ASSERT_TRUE(rates.ok());
  Figure range = ActualOf("RU-VOR");
  range.qualifier = "exact";
  const struct {
    double low, high, difference;
    bool contradicted;
  } cases[] = {
      {0.8e9, 1.1e9, 0.0, false},   // «от 800 млн до 1,1 млрд» holds the official 1 bn: no difference
      {0.6e9, 0.8e9, -20.0, true},  // beyond its upper bound by 20 %
      {0.6e9, 0.95e9, -5.0, false},  // 5 % beyond: within the threshold
      {1.3e9, 1.5e9, 30.0, true},   // beyond its lower bound
  };
  for (const auto& k : cases) {
    range.value = k.low;
    range.value_max = k.high;
    auto c = CheckAgainstOfficial(store_->db(), range, *rates, {});
    ASSERT_TRUE(c.ok() && c->has_value());
    ASSERT_TRUE((*c)->difference_percent);
    EXPECT_NEAR(*(*c)->difference_percent, k.difference, 1e-6) << k.low << "–" << k.high;
    EXPECT_EQ((*c)->contradicted, k.contradicted) << k.low << "–" << k.high;
    ASSERT_TRUE((*c)->difference_usd);
    EXPECT_NEAR(*(*c)->difference_usd, k.difference / 100.0 * 1e9, 1.0);
  }
}

TEST_F(OfficialTest, RatesConvertRoublesOrSayWhyNot) {
  ASSERT_TRUE(ImportOfficial(store_->db(), kOfficialCsv, "official.csv", Known).ok());
  auto rates = RateTable::Load(store_->db());
  const Figure klu = ActualOf("RU-KLU");
  auto c = CheckAgainstOfficial(store_->db(), klu, *rates, {});
  ASSERT_TRUE(c.ok() && c->has_value());
  // both in roubles: compared as they are
  EXPECT_FALSE((*c)->converted);
  ASSERT_TRUE((*c)->difference_percent);
  EXPECT_NEAR(*(*c)->difference_percent, 25.0, 1e-6);
  // the gap to a dollar target needs a rate
  auto rows = Parties(store_->db(), 10);
  ASSERT_TRUE(rows.ok());
  auto klu_row = std::find_if(rows->begin(), rows->end(), [](const PartnerRow& r) { return r.party_b == "RU-KLU"; });
  ASSERT_NE(klu_row, rows->end());
  EXPECT_FALSE(klu_row->gap_percent);
  EXPECT_EQ(klu_row->gap_note, "no RUB rate for 2023 (oborot import-rates)");

  auto r = ImportRates(store_->db(),
                       "date;currency;rate\n"
                       "2023-01-10;RUB;70,0\n"
                       "2023-06-10;rub;80\n"
                       "2023-13-01;RUB;80\n"  // line 4: bad date
                       "2023-07-01;USD;1\n"   // line 5: USD
                       "2023-07-02;EUR;0\n"        // line 6: zero
                       "2023-07-03;EUR;1e-300\n"   // line 7: a figure divided by it is infinite
                       "2023-07-04;RUB;2e9\n",     // line 8: a typo
                       "rates.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->imported, 2u);
  ASSERT_EQ(r->errors.size(), 5u);
  EXPECT_EQ(r->errors[3], "rates.csv:7: rate \"1e-300\" is outside 1e-6 to 1e9 units of the currency per US dollar");
  EXPECT_EQ(r->errors[4].rfind("rates.csv:8: rate \"2e9\" is outside", 0), 0u) << r->errors[4];
  EXPECT_EQ(r->errors[0].rfind("rates.csv:4: date", 0), 0u) << r->errors[0];
  EXPECT_EQ(r->errors[1].rfind("rates.csv:5: currency", 0), 0u) << r->errors[1];
  EXPECT_EQ(r->errors[2].rfind("rates.csv:6: rate", 0), 0u) << r->errors[2];
  rates = RateTable::Load(store_->db());
  ASSERT_TRUE(rates.ok());
  EXPECT_DOUBLE_EQ(*rates->Rate("RUB", 2023), 75.0);  // the mean of the daily rates
  // a yearly rate wins over the daily ones
  ASSERT_TRUE(ImportRates(store_->db(), "year,currency,rate\n2023,RUB,100\n", "y.csv").ok());
  rates = RateTable::Load(store_->db());
  EXPECT_DOUBLE_EQ(*rates->Rate("RUB", 2023), 100.0);
  rows = Parties(store_->db(), 10);
  klu_row = std::find_if(rows->begin(), rows->end(), [](const PartnerRow& p) { return p.party_b == "RU-KLU"; });
  ASSERT_TRUE(klu_row->gap_percent);
  EXPECT_TRUE(klu_row->gap_converted);
  EXPECT_NEAR(*klu_row->gap_percent, 50.0, 1e-9);  // 50 bn RUB at 100 = $500 M of $1 bn
}

TEST_F(OfficialTest, ExportsImportsAndBalanceFromTradeFlows) {
  auto rows = Parties(store_->db(), 10);
  ASSERT_TRUE(rows.ok());
  auto vor = std::find_if(rows->begin(), rows->end(), [](const PartnerRow& r) { return r.party_b == "RU-VOR"; });
  ASSERT_NE(vor, rows->end());
  ASSERT_TRUE(vor->exports && vor->imports && vor->balance);
  EXPECT_EQ(vor->exports->flow_from, "BY");
  EXPECT_DOUBLE_EQ(*vor->exports->value, 8e8);
  EXPECT_DOUBLE_EQ(*vor->imports->value, 4e8);
  EXPECT_DOUBLE_EQ(*vor->balance, 4e8);
  auto d = Show(store_->db(), "RU-VOR", 10);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->flows.size(), 2u);
  EXPECT_EQ(ToJson(d->flows.front())["from"].is_string(), true);
}

// Every view docs/schema.md documents exists, also in a database migrated
// from schema version 1, and is re-created when dropped.
std::vector<std::string> DocumentedViews() {
  std::ifstream in(std::string(OBOROT_SOURCE_DIR) + "/docs/schema.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::vector<std::string> views;
  const std::regex heading(R"(\n### (\w+) \(view\))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), heading); it != std::sregex_iterator(); ++it) {
    views.push_back((*it)[1]);
  }
  return views;
}

void ExpectViews(Db& db) {
  const auto views = DocumentedViews();
  ASSERT_GE(views.size(), 6u);
  for (const auto& v : views) {
    auto q = db.PrepareOnce("SELECT * FROM " + v + " LIMIT 1");
    ASSERT_TRUE(q.ok()) << v << ": " << q.status().ToString();
    const int rc = q->Step();
    EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << v;
  }
}

TEST_F(OfficialTest, DocumentedViewsExistAndSurviveMigrations) {
  ExpectViews(store_->db());
  // a version-1 database (only 0001_init.sql applied) gets them when a writer migrates it
  const std::string old_path = (dir_ / "v1.db").string();
  {
    auto db = Db::Open(old_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    std::ifstream in(std::string(OBOROT_SOURCE_DIR) + "/src/kb/migrations/0001_init.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    ASSERT_TRUE((*db)->Exec(sql.str()).ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 1").ok());
  }
  {
    auto s = Store::Open(old_path, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ExpectViews((*s)->db());
    ASSERT_TRUE((*s)->db().Exec("DROP VIEW fact_list; DROP VIEW announced_vs_official").ok());
  }
  auto s = Store::Open(old_path, {});
  ASSERT_TRUE(s.ok());
  ExpectViews((*s)->db());
}

TEST_F(OfficialTest, ViewsAgreeWithExport) {
  size_t exported = 0;
  double sum = 0;
  size_t sources = 0;
  ASSERT_TRUE(ExportFacts(store_->db(), [&](const Figure& f) {
                ++exported;
                sum += f.value.value_or(0);
                sources += f.evidence.size();
                return true;
              }).ok());
  auto q = store_->db().PrepareOnce("SELECT count(*), total(value) FROM fact_list");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->Step(), SQLITE_ROW);
  EXPECT_EQ(static_cast<size_t>(q->Int(0)), exported);
  EXPECT_DOUBLE_EQ(q->Real(1), sum);
  auto s = store_->db().PrepareOnce("SELECT count(*) FROM fact_sources");
  ASSERT_EQ(s->Step(), SQLITE_ROW);
  EXPECT_EQ(static_cast<size_t>(s->Int(0)), sources);
  auto p = store_->db().PrepareOnce("SELECT name, party FROM meeting_participants");
  ASSERT_EQ(p->Step(), SQLITE_ROW);
  EXPECT_EQ(p->Text(0), "Александр Гусев");
  EXPECT_EQ(p->Text(1), "RU-VOR");
  // the restated 1.2 bn (two sources) is one row
  auto r = store_->db().PrepareOnce("SELECT sources FROM fact_list WHERE type = 'turnover' AND party_b = 'RU-VOR' AND status = 'actual'");
  ASSERT_EQ(r->Step(), SQLITE_ROW);
  EXPECT_EQ(r->Int(0), 2);
}

TEST_F(OfficialTest, ExportFilters) {
  auto count = [&](const ExportFilter& f) {
    size_t n = 0;
    EXPECT_TRUE(ExportFacts(store_->db(), [&](const Figure&) { return ++n, true; }, f).ok());
    return n;
  };
  EXPECT_EQ(count({}), 7u);
  EXPECT_EQ(count({.party = "RU-KLU"}), 2u);
  EXPECT_EQ(count({.type = "trade_flow"}), 2u);
  EXPECT_EQ(count({.party = "RU-VOR", .status = "target"}), 1u);
  EXPECT_EQ(count({.from = "2024", .to = "2024"}), 1u);         // the meeting
  EXPECT_EQ(count({.from = "2024-02-10"}), 2u);                 // the 2025 targets; the meeting was the day before
  EXPECT_EQ(count({.to = "2023"}), 4u);                         // the 2023 figures and flows
}

TEST(CsvReader, DelimitersQuotesAndLines) {
  auto t = ReadCsv("\xEF\xBB\xBF" "A;B\n1;\"x;\ny\"\n\n2;3\n", "f.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ';');
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t->records.size(), 2u);
  EXPECT_EQ(t->records[0].line, 2u);
  EXPECT_EQ(t->records[0].fields[1], "x;\ny");
  EXPECT_EQ(t->records[1].line, 5u);
  double v = 0;
  EXPECT_TRUE(ParseDecimal("1 234,5", v));
  EXPECT_DOUBLE_EQ(v, 1234.5);
  EXPECT_TRUE(ParseDecimal("1\xC2\xA0" "000", v));
  EXPECT_DOUBLE_EQ(v, 1000);
  EXPECT_FALSE(ParseDecimal("12abc", v));
  EXPECT_FALSE(ParseDecimal("", v));
}

}  // namespace
}  // namespace oborot::kb
