"""Vietnamese texts of the sample office's evaluation cycles: remarks, notes and kept reasons."""

from __future__ import annotations

from partydesk.domain.evaluation import Discipline, Exclusion, Level

# The upper committee's plan that opens each cycle; {number} is "15-KH/ĐU".
GUIDANCE = (
    "Kế hoạch số {number} ngày {on} về kiểm điểm, đánh giá, xếp loại chất lượng"
    " tổ chức đảng, đảng viên năm {year}"
)

# The chi bộ's remarks (nhận xét của chi ủy) by the level it proposes.
REMARKS: dict[Level, tuple[str, ...]] = {
    Level.EXCELLENT: (
        "Gương mẫu, đi đầu trong thực hiện nhiệm vụ; hoàn thành vượt mức các chỉ tiêu được giao,"
        " có sáng kiến được doanh nghiệp ghi nhận.",
        "Có bản lĩnh chính trị vững vàng, đạo đức, lối sống trong sáng; hoàn thành xuất sắc"
        " nhiệm vụ chuyên môn và nhiệm vụ chi bộ phân công.",
        "Tích cực tham gia sinh hoạt chi bộ, đóng góp nhiều ý kiến xây dựng; được doanh nghiệp"
        " khen thưởng lao động xuất sắc trong năm.",
    ),
    Level.GOOD: (
        "Chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; hoàn thành tốt"
        " nhiệm vụ được giao, tham gia sinh hoạt chi bộ đầy đủ.",
        "Có ý thức tổ chức kỷ luật, đoàn kết với đồng nghiệp; hoàn thành đúng tiến độ các công"
        " việc được giao. Cần phát huy hơn tinh thần tự phê bình và phê bình.",
        "Giữ gìn đạo đức, lối sống; thực hiện tốt cam kết tu dưỡng, rèn luyện. Cần tích cực hơn"
        " trong việc đóng góp ý kiến tại sinh hoạt chi bộ.",
        "Hoàn thành tốt nhiệm vụ chuyên môn; đóng đảng phí đầy đủ, đúng hạn. Cần chủ động hơn"
        " trong việc học tập, nghiên cứu nghị quyết.",
    ),
    Level.COMPLETED: (
        "Hoàn thành nhiệm vụ được giao nhưng còn chậm tiến độ ở một số việc; tham gia sinh hoạt"
        " chi bộ chưa đầy đủ.",
        "Còn hạn chế trong việc thực hiện nhiệm vụ chi bộ phân công; chưa khắc phục triệt để"
        " khuyết điểm đã được chỉ ra ở kỳ kiểm điểm trước.",
    ),
    Level.FAILED: (
        "Không hoàn thành chỉ tiêu công việc được giao; vắng sinh hoạt chi bộ nhiều lần không có"
        " lý do; chưa nghiêm túc tự phê bình.",
        "Vi phạm quy định của Đảng, chưa có ý thức khắc phục; không hoàn thành nhiệm vụ đảng viên.",
    ),
}

# Remarks of the chi bộ where a member on sinh hoạt tạm thời elsewhere takes part.
TEMP_REMARKS = (
    "Chi bộ nơi sinh hoạt tạm thời nhận xét: chấp hành tốt quy định sinh hoạt tạm thời,"
    " tham gia đầy đủ các buổi sinh hoạt."
)

DISCIPLINE_NOTES: dict[Discipline, tuple[str, ...]] = {
    Discipline.REPRIMAND: (
        "Khiển trách do vi phạm quy định về những điều đảng viên không được làm.",
        "Khiển trách do không thực hiện đúng quy định về sinh hoạt đảng, bỏ sinh hoạt chi bộ"
        " nhiều tháng không có lý do.",
    ),
    Discipline.WARNING: (
        "Cảnh cáo do vi phạm quy định về quản lý tài chính tại đơn vị công tác.",
        "Cảnh cáo do vi phạm chính sách dân số và kế hoạch hóa gia đình.",
    ),
}

# The kept reason for a disciplined member rated above the cap (domain §2.4: self-detected).
SELF_DETECTED = (
    "Vi phạm do đảng viên tự phát hiện, tự báo cáo và đã chủ động khắc phục hậu quả trước khi"
    " bị kiểm tra; Ban Thường vụ thống nhất xếp loại Hoàn thành nhiệm vụ."
)

# The kept reason for a level above the self-scored band.
EXCEPTIONAL = "Có thành tích đột xuất được cấp trên khen thưởng"

# Kept reasons for a comparison group above the HTXSNV quota.
QUOTA_REASONS = (
    "Đảng bộ có nhiều đảng viên được khen thưởng đột xuất trong năm; Ban Thường vụ thống nhất"
    " giữ kết quả xếp loại.",
    "Tập thể hoàn thành vượt mức kế hoạch sản xuất, kinh doanh; các đảng viên được đề nghị đều"
    " có thành tích nổi bật được cấp trên ghi nhận.",
    "Chi bộ có ba đảng viên được tặng danh hiệu chiến sĩ thi đua; cấp ủy đồng ý vượt tỷ lệ.",
)

EXCLUSION_NOTES: dict[Exclusion, str] = {
    Exclusion.EXEMPT: "Được miễn công tác và sinh hoạt đảng theo đề nghị của chi bộ.",
    Exclusion.SUSPENDED: "Đang bị đình chỉ sinh hoạt đảng trong thời gian xem xét kỷ luật.",
    Exclusion.NEW_MEMBER: "Kết nạp chưa đủ {months} tháng tính đến ngày xét.",
    Exclusion.TEMP_GUEST: "Đánh giá, xếp loại tại chi bộ nơi sinh hoạt chính thức.",
}

# Notes of an organisation rated low.
LOW_ORG_NOTES: dict[Level, str] = {
    Level.COMPLETED: ("Chưa hoàn thành một số chỉ tiêu nghị quyết; sinh hoạt chi bộ chưa đều đặn."),
    Level.FAILED: (
        "Có thành viên cấp ủy bị kỷ luật trong năm; nhiều chỉ tiêu nghị quyết không đạt,"
        " nội bộ chưa đoàn kết."
    ),
}
