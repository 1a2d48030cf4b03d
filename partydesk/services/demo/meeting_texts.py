"""What the sample minutes are written from: sentence templates for each part of the minutes,
reasons and corrections. ``meeting_content`` fills the ``{fields}`` of the templates; the
chuyên đề topics and each month's news are in ``meeting_news``.

Fields every template may use: {month} {year} {next_month} {next_year}, {quarter} and
{next_quarter} (I–IV), {company} (the enterprise's short name), {unit} (công ty / xưởng / các
doanh nghiệp), {output} (what the enterprise produces), {pct} (a small percentage),
{workers}, {topic}, {name} (a member the item is about) and {presenter}.
"""

from __future__ import annotations

# --- the roll and the workplace -----------------------------------------------------------

ABSENCE_REASONS = (
    ("Đi công tác", 30),
    ("Việc gia đình", 20),
    ("Ốm", 15),
    ("Nghỉ phép", 15),
    ("Trực ca sản xuất", 12),
    ("Đi học lớp bồi dưỡng nghiệp vụ", 4),
    ("Đưa người thân đi khám bệnh", 4),
)
EXEMPT_REASON = "Được miễn công tác và sinh hoạt đảng"
SUSPENDED_REASON = "Đang bị đình chỉ sinh hoạt đảng"

COMPANY_PLACES = (
    "Hội trường công ty",
    "Phòng họp tầng 2",
    "Phòng họp tầng 3",
    "Phòng họp Ban Giám đốc",
    "Văn phòng công ty",
    "Phòng truyền thống công ty",
    "Nhà văn hóa công nhân",
)

# What an enterprise of each sector reports on, by the sector's label.
OUTPUT_BY_SECTOR = {
    "May mặc": "sản lượng đơn hàng may xuất khẩu",
    "Cơ khí chế tạo": "sản lượng gia công cơ khí",
    "Xây dựng": "khối lượng thi công các công trình",
    "Thương mại": "doanh số bán hàng",
    "Vận tải hàng hóa": "sản lượng vận chuyển hàng hóa",
    "Logistics": "sản lượng hàng hóa qua kho",
    "Phần mềm": "khối lượng công việc các dự án phần mềm",
    "Chế biến thực phẩm": "sản lượng sản phẩm chế biến",
    "Dịch vụ ăn uống": "doanh thu dịch vụ",
    "In ấn": "sản lượng in và bao bì",
    "Điện tử": "sản lượng linh kiện điện tử",
    "Sản xuất nhựa": "sản lượng sản phẩm nhựa",
    "Dược phẩm": "sản lượng thuốc sản xuất",
    "Kinh doanh bất động sản": "tiến độ các dự án",
    "Vật liệu xây dựng": "sản lượng vật liệu tiêu thụ",
    "Môi trường đô thị": "khối lượng rác thải thu gom, vận chuyển",
    "Dịch vụ nông nghiệp": "doanh thu dịch vụ vật tư nông nghiệp",
    "Giáo dục mầm non": "số trẻ theo học",
    "Y tế tư nhân": "số lượt khám, chữa bệnh",
    "Dịch vụ pháp lý": "số vụ việc tư vấn, đại diện",
    "Tài chính tín dụng": "dư nợ cho vay",
}
DEFAULT_OUTPUT = "kết quả sản xuất, kinh doanh"

NEWS_TITLES = (
    "Thông tin thời sự trong nước, quốc tế và phổ biến văn bản của cấp trên",
    "Thông tin thời sự; phổ biến, quán triệt văn bản chỉ đạo của cấp ủy cấp trên",
    "Thông báo thời sự và các văn bản mới của cấp trên",
)
NEWS_OPENERS = (
    "Đồng chí {presenter} thông tin tới chi bộ: {news}.",
    "Đồng chí {presenter} phổ biến các nội dung chính: {news}.",
    "Chi bộ nghe thông tin về {news}.",
)
NEWS_CLOSERS = (
    "Tài liệu đã được đăng trên ứng dụng Sổ tay đảng viên điện tử để đảng viên nghiên cứu.",
    "Đề nghị đảng viên tuyên truyền tới người lao động trong {unit}.",
    "Các văn bản được lưu tại chi bộ để đảng viên nghiên cứu thêm.",
)

# --- review of the month and the next month's tasks ------------------------------------------

REVIEW_TITLES = (
    "Đánh giá kết quả thực hiện nhiệm vụ tháng {month}/{year}",
    "Kiểm điểm việc thực hiện nghị quyết tháng {month}/{year}",
    "Báo cáo kết quả lãnh đạo thực hiện nhiệm vụ chính trị tháng {month}/{year}",
)
REVIEW_BUSINESS_GOOD = (
    "Hoạt động sản xuất, kinh doanh của {company} trong tháng cơ bản ổn định; {output} tăng "
    "khoảng {pct}% so với tháng trước.",
    "{company} hoàn thành kế hoạch tháng {month}; {output} tăng khoảng {pct}% so với cùng kỳ "
    "năm trước.",
    "Trong tháng, {unit} ký thêm được một số hợp đồng mới, {output} đạt kế hoạch đề ra.",
)
REVIEW_BUSINESS_WEAK = (
    "Do thị trường khó khăn, {output} giảm khoảng {pct}% so với tháng trước; ban giám đốc đã "
    "chủ động tìm kiếm thêm khách hàng.",
    "{output} chưa đạt kế hoạch do thiếu đơn hàng và giá nguyên vật liệu tăng.",
)
REVIEW_WORKERS = (
    "Doanh nghiệp duy trì việc làm ổn định cho {workers} người lao động, trả lương đầy đủ, đúng "
    "hạn.",
    "Thu nhập của người lao động được bảo đảm; doanh nghiệp đóng bảo hiểm xã hội đầy đủ.",
    "Công đoàn phối hợp tổ chức thăm hỏi người lao động ốm đau, có hoàn cảnh khó khăn.",
    "Không để xảy ra tai nạn lao động, cháy nổ trong tháng.",
)
REVIEW_PARTY = (
    "Đảng viên trong chi bộ giữ vững lập trường tư tưởng, chấp hành tốt chủ trương của Đảng, "
    "chính sách, pháp luật của Nhà nước và nội quy của doanh nghiệp.",
    "Chi bộ duy trì sinh hoạt đúng định kỳ; đảng viên đóng đảng phí đầy đủ.",
    "Tư tưởng của đảng viên và người lao động ổn định, yên tâm công tác.",
    "Chi ủy đã phân công đảng viên theo dõi, giúp đỡ quần chúng ưu tú trong diện tạo nguồn.",
)
REVIEW_LIMITS = (
    "Tuy nhiên, một số đảng viên còn đến muộn; việc nghiên cứu tài liệu trước buổi sinh hoạt "
    "chưa đều.",
    "Hạn chế: công tác tạo nguồn phát triển đảng viên còn chậm.",
    "Hạn chế: một số đảng viên chưa thường xuyên cập nhật thông tin trên ứng dụng Sổ tay đảng "
    "viên điện tử.",
    "Việc nắm bắt tư tưởng người lao động ở một số bộ phận chưa kịp thời.",
)
CEREMONY_NOTE = (
    "Ngày {on}, chi bộ đã tổ chức Lễ kết nạp đảng viên mới đối với đồng chí {name} trang "
    "trọng, đúng quy định."
)

PLAN_TITLES = (
    "Phương hướng, nhiệm vụ tháng {next_month}/{next_year}",
    "Nhiệm vụ trọng tâm tháng {next_month}/{next_year}",
    "Thảo luận, thống nhất nhiệm vụ tháng {next_month}/{next_year}",
)
PLAN_BUSINESS = (
    "tập trung lãnh đạo hoàn thành kế hoạch sản xuất, kinh doanh tháng {next_month}",
    "bảo đảm tiến độ và chất lượng {output}",
    "tiếp tục chăm lo đời sống, việc làm, bảo đảm quyền lợi hợp pháp của người lao động",
    "thực hiện tốt công tác an toàn, vệ sinh lao động, phòng, chống cháy nổ",
)
PLAN_PARTY = (
    "duy trì nền nếp sinh hoạt chi bộ, nâng cao chất lượng sinh hoạt",
    "làm tốt công tác tạo nguồn, bồi dưỡng quần chúng ưu tú",
    "nắm chắc tình hình tư tưởng đảng viên, người lao động",
    "đôn đốc đảng viên đóng đảng phí đầy đủ, đúng hạn",
)
# Extra points by month of the year: the season's work.
PLAN_SEASON: dict[int, tuple[str, ...]] = {
    1: ("chuẩn bị chu đáo để người lao động đón Tết Nguyên đán vui tươi, an toàn",),
    2: ("ổn định sản xuất sau Tết, bảo đảm đủ lao động",),
    5: ("chủ động phòng, chống nắng nóng, bảo đảm điều kiện làm việc cho người lao động",),
    6: ("chuẩn bị sơ kết 6 tháng đầu năm",),
    7: ("chủ động phòng, chống mưa bão, bảo đảm an toàn kho hàng, nhà xưởng",),
    8: ("chủ động phòng, chống mưa bão, bảo đảm an toàn kho hàng, nhà xưởng",),
    9: ("tập trung hoàn thành kế hoạch quý IV và cả năm",),
    10: ("tập trung hoàn thành kế hoạch năm {year}",),
    11: ("chuẩn bị kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}",),
    12: (
        "tổ chức tốt việc kiểm điểm, đánh giá, xếp loại chất lượng tập thể chi bộ và đảng viên",
        "chuẩn bị Tết Nguyên đán cho người lao động",
    ),
}
PLAN_OPENERS = (
    "Đồng chí {presenter} trình bày dự thảo phương hướng tháng {next_month} với các nhiệm vụ: "
    "{points}.",
    "Chi ủy đề xuất nhiệm vụ tháng {next_month}: {points}.",
)

# --- other agenda items ----------------------------------------------------------------------

HCM_TITLES = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh: kể chuyện về Bác",
)
HCM_SUMMARIES = (
    "Đồng chí {presenter} kể câu chuyện về Bác với lời dạy \u201cViệc gì có lợi cho dân, ta "
    "phải hết sức làm. Việc gì có hại cho dân, ta phải hết sức tránh\u201d.",
    "Đồng chí {presenter} đọc bài viết về tấm gương tiết kiệm, giản dị của Chủ tịch Hồ Chí Minh.",
    "Đồng chí {presenter} giới thiệu gương người tốt, việc tốt trong {unit} học tập và làm theo "
    "Bác.",
    "Chi bộ nghe đọc trích tác phẩm \u201cSửa đổi lối làm việc\u201d của Chủ tịch Hồ Chí Minh.",
)
HCM_FOLLOW = (
    "Mỗi đảng viên liên hệ bản thân, đăng ký việc làm cụ thể gắn với nhiệm vụ được giao.",
    "Chi bộ đánh giá việc thực hiện các nội dung đảng viên đã đăng ký làm theo.",
)
THOUGHT_TITLE = "Tình hình tư tưởng đảng viên và người lao động"
THOUGHT_SUMMARIES = (
    "Đa số người lao động yên tâm làm việc; một số lao động trẻ có tâm lý muốn chuyển việc do "
    "thu nhập chưa cao.",
    "Người lao động quan tâm đến chế độ tiền lương, thưởng và việc đóng bảo hiểm xã hội.",
    "Chưa phát hiện dư luận xấu trong {unit}; đảng viên không vi phạm những điều đảng viên "
    "không được làm.",
)
DEVELOPMENT_TITLE = "Công tác tạo nguồn, phát triển đảng viên"
DEVELOPMENT_SUMMARIES = (
    "Chi bộ đang theo dõi, bồi dưỡng {count} quần chúng ưu tú; đã cử quần chúng đi học lớp "
    "nhận thức về Đảng.",
    "Công đoàn và Đoàn Thanh niên giới thiệu {count} quần chúng ưu tú để chi bộ xem xét, bồi "
    "dưỡng.",
)
HALF_YEAR_TITLE = "Sơ kết công tác 6 tháng đầu năm {year}"
YEAR_REVIEW_TITLE = (
    "Kiểm điểm tập thể chi bộ và đảng viên; đánh giá, xếp loại chất lượng năm {year}"
)
YEAR_REVIEW_SUMMARY = (
    "Các đồng chí đảng viên trình bày bản kiểm điểm cá nhân; chi bộ góp ý và đề xuất mức xếp loại.",
    "Chi ủy trình bày báo cáo kiểm điểm tập thể chi bộ năm {year}.",
)
ADMISSION_TITLE = "Xét, đề nghị kết nạp quần chúng {name} vào Đảng"
ADMISSION_SUMMARY = (
    "Đồng chí {presenter} báo cáo lý lịch, quá trình phấn đấu của quần chúng {name} và ý kiến "
    "nhận xét của Công đoàn, Đoàn Thanh niên.",
    "Quần chúng {name} đã học lớp bồi dưỡng nhận thức về Đảng, có giấy chứng nhận; hồ sơ đầy "
    "đủ theo quy định.",
)
RECOGNITION_TITLE = "Xét, đề nghị công nhận đảng viên chính thức đối với đồng chí {name}"
RECOGNITION_SUMMARY = (
    "Đồng chí {name} đọc bản tự kiểm điểm trong thời gian dự bị.",
    "Đảng viên được phân công giúp đỡ nhận xét: trong 12 tháng dự bị, đồng chí {name} chấp hành "
    "tốt Điều lệ Đảng, hoàn thành tốt nhiệm vụ.",
)
THEMATIC_TITLES = (
    "Sinh hoạt chuyên đề: {topic}",
    "Chuyên đề quý {quarter}: {topic}",
)
THEMATIC_OPENERS = (
    "Đồng chí {presenter} trình bày chuyên đề.",
    "Đồng chí {presenter} giới thiệu nội dung chuyên đề đã được chi ủy chuẩn bị.",
)
DISCUSSION_TITLE = "Thảo luận, liên hệ thực tiễn tại {unit}"
DISCUSSION_SUMMARIES = (
    "Các đồng chí đảng viên liên hệ nội dung chuyên đề với thực tế công việc tại {unit}.",
    "Chi bộ thảo luận những việc đã làm được, những hạn chế và nguyên nhân.",
    "Đảng viên nêu những khó khăn khi vận dụng nội dung chuyên đề vào công việc hằng ngày.",
)
PLEDGE_TITLE = "Thống nhất giải pháp và đăng ký việc làm của đảng viên"
PLEDGE_SUMMARIES = (
    "Mỗi đảng viên đăng ký ít nhất một việc làm cụ thể, có thời hạn hoàn thành.",
    "Chi ủy tổng hợp các giải pháp, đưa vào nghị quyết tháng để theo dõi, kiểm tra.",
    "Chi bộ phân công đảng viên phụ trách từng giải pháp.",
)
COMMITTEE_TITLES = (
    "Đánh giá tình hình tháng {month}/{year}, chuẩn bị nội dung sinh hoạt chi bộ",
    "Thống nhất dự thảo nghị quyết tháng {next_month}/{next_year}",
    "Phân công chuẩn bị tài liệu và chủ trì buổi sinh hoạt chi bộ",
)
COMMITTEE_SUMMARIES = (
    "Chi ủy rà soát việc thực hiện nghị quyết tháng {month} và thống nhất nội dung trình chi bộ.",
    "Chi ủy phân công đồng chí {presenter} chuẩn bị báo cáo tháng {month} và dự thảo nghị quyết "
    "tháng {next_month}.",
    "Tài liệu sinh hoạt tháng {month} được đăng lên ứng dụng Sổ tay đảng viên điện tử trước buổi "
    "sinh hoạt.",
    "Chi ủy thống nhất thời gian, địa điểm sinh hoạt chi bộ tháng {month} và thông báo tới đảng "
    "viên.",
    "Chi ủy trao đổi về tình hình tư tưởng đảng viên, người lao động trong {unit}.",
    "Chi ủy thống nhất đề xuất nhiệm vụ tháng {next_month}/{next_year} trình chi bộ.",
)

# --- opinions and conclusions ----------------------------------------------------------------

OPINION_OPENERS = (
    "Nhất trí với nội dung đồng chí {presenter} trình bày.",
    "Cơ bản thống nhất với báo cáo.",
    "Tôi đồng tình với đánh giá của chi ủy.",
    "Nhất trí.",
    "",
)
OPINIONS: dict[str, tuple[str, ...]] = {
    "news": (
        "Đề nghị chi bộ tiếp tục phổ biến kịp thời văn bản mới để đảng viên tuyên truyền tới "
        "người lao động.",
        "Đề nghị chi ủy đăng tài liệu sớm hơn để đảng viên có thời gian nghiên cứu trước.",
        "Cần gắn việc học tập văn bản với nhiệm vụ cụ thể của {unit}.",
    ),
    "review": (
        "Đề nghị bổ sung kết quả hoạt động của Công đoàn trong tháng.",
        "Đề nghị đánh giá rõ hơn nguyên nhân {output} chưa đạt kế hoạch.",
        "Bộ phận tôi phụ trách đã hoàn thành vượt tiến độ, đề nghị chi bộ ghi nhận.",
        "Đề nghị ban giám đốc quan tâm cải thiện điều kiện làm việc tại nhà xưởng.",
        "Cần nêu rõ đảng viên chưa hoàn thành nhiệm vụ được giao để rút kinh nghiệm.",
    ),
    "plan": (
        "Đề nghị phân công cụ thể đảng viên phụ trách từng nhiệm vụ.",
        "Đề nghị bổ sung nhiệm vụ tuyên truyền về an toàn lao động.",
        "Nhất trí với các nhiệm vụ; đề nghị có thời hạn hoàn thành rõ ràng.",
        "Đề nghị quan tâm hơn đến việc tạo nguồn phát triển đảng viên trong lao động trẻ.",
    ),
    "hcm": (
        "Bản thân tôi đăng ký thực hành tiết kiệm, hoàn thành công việc đúng hạn.",
        "Việc học tập và làm theo Bác cần cụ thể, thiết thực, gắn với công việc hằng ngày.",
        "Đề nghị biểu dương những đảng viên làm theo Bác có kết quả tốt trong quý.",
    ),
    "thought": (
        "Đề nghị chi bộ phối hợp với Công đoàn đối thoại với người lao động về chế độ tiền lương.",
        "Cần kịp thời nắm bắt và giải quyết những kiến nghị chính đáng của người lao động.",
    ),
    "development": (
        "Đề nghị giao đảng viên chính thức theo dõi, giúp đỡ từng quần chúng cụ thể.",
        "Cần phối hợp với chủ doanh nghiệp tạo điều kiện cho quần chúng đi học lớp nhận thức.",
    ),
    "thematic": (
        "Liên hệ bản thân, tôi thấy cần tích cực hơn trong học tập, nâng cao trình độ.",
        "Đề nghị chi bộ có giải pháp cụ thể, phân công đảng viên thực hiện và kiểm tra.",
        "Chuyên đề thiết thực, gắn với thực tế của {unit}.",
        "Đề nghị đưa nội dung chuyên đề vào nghị quyết tháng để theo dõi thực hiện.",
    ),
    "admission": (
        "Quần chúng {name} có lập trường tư tưởng vững vàng, hoàn thành tốt nhiệm vụ; nhất trí "
        "đề nghị kết nạp.",
        "Nhất trí; đề nghị đảng viên được phân công tiếp tục giúp đỡ sau khi kết nạp.",
    ),
    "recognition": (
        "Trong thời gian dự bị, đồng chí {name} gương mẫu trong công việc; nhất trí đề nghị "
        "công nhận chính thức.",
        "Nhất trí; đề nghị đồng chí {name} tiếp tục phát huy và tham gia công tác đoàn thể.",
    ),
    "year": (
        "Nhất trí với mức xếp loại chi ủy đề xuất.",
        "Đề nghị chi bộ nêu rõ hạn chế của từng đảng viên để khắc phục trong năm tới.",
    ),
    "discussion": (
        "Liên hệ bản thân, tôi thấy cần tích cực hơn trong học tập, nâng cao trình độ.",
        "Ở bộ phận tôi, việc thực hiện còn hình thức; đề nghị chi bộ kiểm tra thường xuyên.",
        "Chuyên đề thiết thực, gắn với thực tế của {unit}.",
    ),
    "pledge": (
        "Tôi đăng ký hoàn thành vượt định mức công việc được giao trong quý.",
        "Tôi đăng ký giúp đỡ một quần chúng ưu tú phấn đấu vào Đảng.",
        "Tôi đăng ký thực hành tiết kiệm điện, nước, vật tư tại nơi làm việc.",
    ),
    "committee": (
        "Đề nghị đưa nội dung tạo nguồn phát triển đảng viên vào sinh hoạt tháng này.",
        "Nhất trí với dự thảo; bổ sung phần đánh giá tình hình tư tưởng.",
    ),
}
GUEST_OPINIONS = (
    "Ghi nhận kết quả chi bộ đạt được trong thời gian qua; đề nghị chi bộ tiếp tục nâng cao "
    "chất lượng sinh hoạt.",
    "Đề nghị chi bộ quan tâm hơn nữa đến công tác phát triển đảng viên trong doanh nghiệp.",
    "Biểu dương chi bộ đã chuẩn bị chu đáo nội dung sinh hoạt; đề nghị chi bộ thực hiện tốt "
    "nghị quyết đã thông qua.",
    "Đề nghị chi bộ phối hợp chặt chẽ với chủ doanh nghiệp, bảo đảm quyền lợi người lao động.",
)
ITEM_CONCLUSIONS: dict[str, tuple[str, ...]] = {
    "news": (
        "Chi bộ thống nhất tuyên truyền các nội dung trên tới người lao động.",
        "Đề nghị đảng viên tiếp tục nghiên cứu văn bản và thực hiện nghiêm túc.",
    ),
    "review": (
        "Chi bộ thống nhất với đánh giá kết quả tháng {month}, có tiếp thu ý kiến đóng góp.",
        "Chi bộ ghi nhận ý kiến của các đồng chí và thống nhất nội dung báo cáo.",
    ),
    "plan": (
        "Chi bộ thống nhất phương hướng, nhiệm vụ tháng {next_month} như dự thảo, có bổ sung.",
        "Giao chi ủy hoàn thiện nghị quyết tháng {next_month} trên cơ sở ý kiến thảo luận.",
    ),
    "hcm": (
        "Đề nghị mỗi đảng viên thực hiện tốt nội dung đã đăng ký làm theo.",
        "Chi bộ thống nhất biểu dương các đảng viên làm theo Bác có kết quả tốt.",
    ),
    "thought": (
        "Giao chi ủy phối hợp với Công đoàn nắm bắt, giải quyết kiến nghị của người lao động.",
    ),
    "development": ("Chi bộ thống nhất phân công đảng viên theo dõi, giúp đỡ quần chúng ưu tú.",),
    "thematic": (
        "Chi bộ thống nhất các giải pháp đã thảo luận và đưa vào nghị quyết để thực hiện.",
        "Đề nghị đảng viên vận dụng nội dung chuyên đề vào công việc hằng ngày.",
    ),
    "discussion": ("Chi bộ ghi nhận các ý kiến liên hệ thực tiễn sâu sắc, thẳng thắn.",),
    "pledge": ("Đề nghị đảng viên thực hiện nghiêm túc việc làm đã đăng ký.",),
    "admission": ("Chi bộ tiến hành biểu quyết đề nghị kết nạp quần chúng {name} vào Đảng.",),
    "recognition": (
        "Chi bộ tiến hành biểu quyết đề nghị công nhận đồng chí {name} là đảng viên chính thức.",
    ),
    "year": ("Chi bộ thống nhất mức xếp loại đề nghị cấp ủy cấp trên xem xét, quyết định.",),
    "committee": ("Chi ủy thống nhất nội dung và phân công chuẩn bị buổi sinh hoạt chi bộ.",),
}

CONCLUSIONS_REGULAR = (
    "Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ tháng {month}/{year} và ban hành "
    "nghị quyết tháng {next_month}/{next_year} với các nhiệm vụ trọng tâm: {points}.",
    "Chi bộ kết luận: tháng {next_month}/{next_year} tập trung {points}.",
    "Đồng chí chủ trì kết luận: chi bộ nhất trí với báo cáo tháng {month}; nhiệm vụ tháng "
    "{next_month} là {points}.",
)
CONCLUSIONS_THEMATIC = (
    "Chi bộ thống nhất nhận thức và các giải pháp thực hiện chuyên đề \u201c{topic}\u201d; mỗi "
    "đảng viên đăng ký việc làm cụ thể.",
    "Chi bộ kết luận chuyên đề \u201c{topic}\u201d: đưa các giải pháp đã thống nhất vào nghị "
    "quyết và kiểm tra việc thực hiện hằng tháng.",
)
CONCLUSION_ADMISSION = (
    "Chi bộ thống nhất đề nghị cấp ủy cấp trên xem xét, quyết định kết nạp {names} vào Đảng."
)
CONCLUSION_RECOGNITION = (
    "Chi bộ thống nhất đề nghị cấp ủy cấp trên xem xét, quyết định công nhận đảng viên chính "
    "thức đối với {names}."
)
CONCLUSIONS_COMMITTEE = (
    "Chi ủy thống nhất nội dung trình chi bộ tại buổi sinh hoạt tháng {month}/{year}.",
    "Chi ủy thống nhất dự thảo nghị quyết tháng {next_month}/{next_year} và phân công chuẩn bị "
    "buổi sinh hoạt chi bộ tháng {month}/{year}.",
    "Chi ủy thống nhất chương trình buổi sinh hoạt chi bộ tháng {month}/{year}; giao đồng chí bí "
    "thư chủ trì.",
)

VOTE_REGULAR = (
    "Thông qua nghị quyết tháng {next_month}/{next_year}",
    "Thông qua kết luận buổi sinh hoạt chi bộ tháng {month}/{year}",
)
VOTE_THEMATIC = "Thông qua kết luận buổi sinh hoạt chuyên đề"
VOTE_COMMITTEE = "Thống nhất nội dung sinh hoạt chi bộ tháng {month}/{year}"
VOTE_ADMISSION = "Đề nghị kết nạp quần chúng {name} vào Đảng"
VOTE_RECOGNITION = "Đề nghị công nhận đồng chí {name} là đảng viên chính thức"

# --- tasks -----------------------------------------------------------------------------------

TASKS = (
    "Nắm tình hình tư tưởng người lao động tại {unit}, báo cáo chi ủy",
    "Phối hợp với Công đoàn tổ chức thăm hỏi người lao động có hoàn cảnh khó khăn",
    "Đôn đốc đảng viên đóng đảng phí tháng {next_month}",
    "Cập nhật tài liệu sinh hoạt tháng {next_month} lên ứng dụng Sổ tay đảng viên điện tử",
    "Rà soát, cập nhật thông tin đảng viên vào sổ danh sách đảng viên",
    "Chuẩn bị nội dung sinh hoạt chuyên đề quý {next_quarter}",
    "Theo dõi, giúp đỡ quần chúng ưu tú trong diện tạo nguồn",
    "Phối hợp với ban giám đốc kiểm tra an toàn lao động, phòng, chống cháy nổ tại nhà xưởng",
    "Tổng hợp kiến nghị của người lao động để chi bộ trao đổi với chủ doanh nghiệp",
    "Chuẩn bị báo cáo kết quả thực hiện nghị quyết tháng {next_month}",
)
TASK_ADMISSION = "Hoàn thiện hồ sơ đề nghị kết nạp quần chúng {name}, gửi cấp ủy cấp trên"
TASK_RECOGNITION = "Hoàn thiện hồ sơ đề nghị công nhận chính thức đối với đồng chí {name}"
TASK_DONE_NOTES = ("", "", "Đã báo cáo tại buổi sinh hoạt ngày {on}.")
TASK_ON_TIME = "Hoàn thành đúng hạn."

# --- approval and corrections ----------------------------------------------------------------

OVERRIDE_SHORT = (
    "Buổi sinh hoạt kết thúc sớm để đảng viên trở lại ca sản xuất; chi bộ đã rút kinh nghiệm.",
    "Chi bộ ít đảng viên, nội dung ngắn; chi ủy đã báo cáo cấp ủy cấp trên.",
    "Mất điện giữa buổi; chi bộ thống nhất thông qua biên bản và bố trí thời lượng đủ ở buổi sau.",
)
OVERRIDE_OTHER = "Chi bộ đã xem xét các cảnh báo và thống nhất thông qua biên bản."
ADDENDA = {
    "present": "Đính chính: tại phần tình hình đảng viên, số đảng viên có mặt là {right} đồng "
    "chí, không phải {wrong} đồng chí.",
    "dues": "Đính chính: số đảng phí chi bộ đã thu là {right} đồng, không phải {wrong} đồng.",
    "due": "Đính chính: thời hạn hoàn thành nhiệm vụ \u201c{task}\u201d là ngày {right}, không "
    "phải ngày {wrong}.",
    "speaker": "Đính chính: tại nội dung {item}, ý kiến thứ {index} là của đồng chí {right}, "
    "không phải đồng chí {wrong}.",
}
