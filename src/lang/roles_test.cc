#include "src/lang/roles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace oborot::lang {
namespace {

const RoleFinder& Finder() {
  static const std::shared_ptr<const RoleFinder> finder = [] {
    auto f = RoleFinder::Load();
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : nullptr;
  }();
  return *finder;
}

std::vector<RoleMention> FindIn(std::string_view text) { return Finder().Find(text, segment::Tokenize(text)); }

struct RoleCase {
  const char* text;
  const char* span;  // the matched phrase
  const char* role_id;
  const char* role;
  GramCase gram_case;
};

const RoleCase kRoles[] = {
    {"губернатор", "губернатор", "governor", "губернатор", GramCase::kNom},
    {"губернатора", "губернатора", "governor", "губернатор", GramCase::kGen},
    {"губернатору", "губернатору", "governor", "губернатор", GramCase::kDat},
    {"губернатором", "губернатором", "governor", "губернатор", GramCase::kIns},
    {"о губернаторе", "губернаторе", "governor", "губернатор", GramCase::kPrep},
    {"с главой Татарстана", "главой", "head", "глава", GramCase::kIns},
    {"главы Брянской области", "главы", "head", "глава", GramCase::kGen},
    {"к главе Башкирии", "главе", "head", "глава", GramCase::kDat},
    {"о главе Чувашии", "главе", "head", "глава", GramCase::kPrep},
    {"премьер-министром", "премьер-министром", "prime_minister", "премьер-министр", GramCase::kIns},
    {"премьер-министра Беларуси", "премьер-министра", "prime_minister", "премьер-министр", GramCase::kGen},
    {"председателем правительства России", "председателем правительства", "prime_minister",
     "председатель правительства", GramCase::kIns},
    {"вице-премьером", "вице-премьером", "deputy_pm", "вице-премьер", GramCase::kIns},
    {"первым вице-премьером", "первым вице-премьером", "first_deputy_pm", "первый вице-премьер", GramCase::kIns},
    {"первого заместителя председателя правительства РФ", "первого заместителя председателя правительства",
     "first_deputy_pm", "первый заместитель председателя правительства", GramCase::kGen},
    {"первый зампред правительства РФ", "первый зампред правительства", "first_deputy_pm",
     "первый зампред правительства", GramCase::kNom},
    {"заместителю премьер-министра", "заместителю премьер-министра", "deputy_pm", "заместитель премьер-министра",
     GramCase::kDat},
    {"мэра Москвы", "мэра", "mayor", "мэр", GramCase::kGen},
    {"мэром Москвы", "мэром", "mayor", "мэр", GramCase::kIns},
    {"председателя облисполкома", "председателя облисполкома", "oblast_chair", "председатель облисполкома",
     GramCase::kGen},
    {"председателем Гомельского облисполкома", "председателем", "chair", "председатель", GramCase::kIns},
    {"с председателем Мингорисполкома", "председателем Мингорисполкома", "minsk_chair", "председатель Мингорисполкома",
     GramCase::kIns},
    {"президенту", "президенту", "president", "президент", GramCase::kDat},
    {"президентом Беларуси", "президентом", "president", "президент", GramCase::kIns},
    {"Президент Беларуси", "Президент", "president", "президент", GramCase::kNom},
    {"послом Беларуси в России", "послом", "ambassador", "посол", GramCase::kIns},
    {"посла", "посла", "ambassador", "посол", GramCase::kGen},
    {"Чрезвычайным и Полномочным Послом", "Чрезвычайным и Полномочным Послом", "ambassador", "посол", GramCase::kIns},
    {"полпреда президента", "полпреда президента", "envoy", "полпред", GramCase::kGen},
    {"врио губернатора Курской области", "врио губернатора", "acting_governor", "врио губернатора", GramCase::kUnknown},
    {"исполняющего обязанности губернатора", "исполняющего обязанности губернатора", "acting_governor",
     "врио губернатора", GramCase::kGen},
    {"министром промышленности", "министром промышленности", "minister", "министр промышленности", GramCase::kIns},
    {"министра иностранных дел", "министра иностранных дел", "minister", "министр иностранных дел", GramCase::kGen},
    {"министру сельского хозяйства и продовольствия", "министру сельского хозяйства и продовольствия", "minister",
     "министр сельского хозяйства и продовольствия", GramCase::kDat},
    {"главой государства", "главой государства", "head_of_state", "глава государства", GramCase::kIns},
    {"белорусским лидером", "белорусским лидером", "leader", "белорусский лидер", GramCase::kIns},
    {"белорусского лидера", "белорусского лидера", "leader", "белорусский лидер", GramCase::kGen},
    {"российскому лидеру", "российскому лидеру", "leader", "российский лидер", GramCase::kDat},
    {"главы администрации президента", "главы администрации президента", "head_of_administration",
     "глава администрации президента", GramCase::kGen},
    {"главой республики", "главой республики", "head_of_republic", "глава республики", GramCase::kIns},
    {"главе региона", "главе региона", "head_of_region", "глава региона", GramCase::kDat},
    {"генеральным консулом", "генеральным консулом", "consul", "генеральный консул", GramCase::kIns},
    {"замминистра", "замминистра", "deputy_minister", "заместитель министра", GramCase::kUnknown},
    {"заместителем министра экономики", "заместителем министра", "deputy_minister", "заместитель министра",
     GramCase::kIns},
    {"госсекретарем Союзного государства", "госсекретарем Союзного государства", "union_state_secretary",
     "государственный секретарь Союзного государства", GramCase::kIns},
    {"пресс-секретарем", "пресс-секретарем", "press_secretary", "пресс-секретарь", GramCase::kIns},
    {"пресс-секретарём", "пресс-секретарём", "press_secretary", "пресс-секретарь", GramCase::kIns},
    {"королем", "королем", "monarch", "король", GramCase::kIns},
    {"председателем Совета Республики", "председателем Совета Республики", "speaker", "председатель Совета Республики",
     GramCase::kIns},
    {"вице-губернатора", "вице-губернатора", "vice_governor", "вице-губернатор", GramCase::kGen},
};

TEST(RoleFinderTest, LoadsLexicon) { EXPECT_GE(Finder().phrase_count(), 100u); }

TEST(RoleFinderTest, EveryForm) {
  EXPECT_GE(std::size(kRoles), 40u);
  for (const auto& c : kRoles) {
    const std::string text = c.text;
    const auto found = FindIn(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), c.span) << text;
    EXPECT_EQ(found[0].role_id, c.role_id) << text;
    EXPECT_EQ(found[0].role, c.role) << text;
    EXPECT_EQ(found[0].gram_case, c.gram_case) << text << " " << GramCaseName(found[0].gram_case);
  }
}

TEST(RoleFinderTest, NotARole) {
  for (const char* text : {"администрации президента", "в администрацию президента", "глава 5 устава", "мэрия города",
                           "губернский город", "посольство России", "министерство финансов", "после встречи"}) {
    EXPECT_TRUE(FindIn(text).empty()) << text;
  }
}

TEST(RoleFinderTest, SpanEndsBeforeThePlace) {
  const std::string text =
      "Встреча с губернатором Калужской области Владиславом Шапшой прошла после переговоров с мэром Москвы.";
  const auto found = FindIn(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), "губернатором");
  EXPECT_EQ(text.substr(found[0].end, std::string(" Калужской").size()), " Калужской");
  EXPECT_EQ(found[1].role_id, "mayor");
  EXPECT_EQ(found[1].gram_case, GramCase::kIns);
}

}  // namespace
}  // namespace oborot::lang
