"""What the sample briefing rounds are written from: issues the cells raise with who answers
them, reasons for absence, and the paragraphs of the biên bản.

``{office}`` is the committee's full name ("Đảng ủy phường An Khánh"); the other fields are
named where they are used in ``briefings``.
"""

from __future__ import annotations

from partydesk.domain.briefing import IssueKind

# (kind, what the cell raised, who answers, the answer once given)
ISSUES: tuple[tuple[IssueKind, str, str, str], ...] = (
    (
        IssueKind.DIFFICULTY,
        "Doanh nghiệp thiếu đơn hàng, người lao động nghỉ luân phiên; đảng viên làm theo ca nên "
        "khó bố trí thời gian sinh hoạt chi bộ.",
        "Văn phòng {office}",
        "Chi bộ được linh hoạt bố trí sinh hoạt ngoài giờ làm việc hoặc vào cuối tuần, bảo đảm "
        "mỗi tháng một lần và thời lượng theo hướng dẫn.",
    ),
    (
        IssueKind.DIFFICULTY,
        "Chi bộ chưa có phòng sinh hoạt riêng, phải mượn phòng họp của công ty ngoài giờ.",
        "Ban Thường vụ {office}",
        "Đã trao đổi với lãnh đạo doanh nghiệp; công ty bố trí phòng truyền thống làm nơi sinh "
        "hoạt chi bộ.",
    ),
    (
        IssueKind.DIFFICULTY,
        "Kinh phí hoạt động của chi bộ hạn hẹp, doanh nghiệp chưa hỗ trợ theo quy định.",
        "Văn phòng {office}",
        "Văn phòng đã gửi văn bản hướng dẫn doanh nghiệp hỗ trợ kinh phí hoạt động cho tổ chức "
        "đảng theo quy định hiện hành.",
    ),
    (
        IssueKind.DIFFICULTY,
        "Nhiều đảng viên trẻ đi công trình xa dài ngày, khó tham gia sinh hoạt định kỳ.",
        "Ban Thường vụ {office}",
        "Chi bộ lập danh sách đảng viên đi công tác dài ngày, hướng dẫn làm thủ tục sinh hoạt "
        "đảng tạm thời nơi công tác khi đủ điều kiện.",
    ),
    (
        IssueKind.PROBLEM,
        "Vướng mắc trong thủ tục chuyển sinh hoạt đảng tạm thời cho đảng viên là lao động thời vụ.",
        "Ban Thường vụ {office}",
        "Đã hướng dẫn trình tự, hồ sơ chuyển sinh hoạt đảng tạm thời; chi bộ nộp hồ sơ tại "
        "Văn phòng để được giải quyết trong 5 ngày làm việc.",
    ),
    (
        IssueKind.PROBLEM,
        "Chưa rõ cách tính hạn xét công nhận đảng viên chính thức khi đảng viên dự bị chuyển "
        "công tác trong thời gian dự bị.",
        "Ủy ban Kiểm tra {office}",
        "Thời gian dự bị tính liên tục; chi bộ nơi đảng viên đang sinh hoạt xét trong 30 ngày "
        "làm việc kể từ khi hết 12 tháng dự bị, có nhận xét của chi bộ nơi chuyển đi.",
    ),
    (
        IssueKind.PROBLEM,
        "Cập nhật dữ liệu đảng viên trên Cơ sở dữ liệu đảng viên còn chậm do chưa được cấp "
        "tài khoản cho chi bộ.",
        "Văn phòng {office}",
        "Văn phòng đã cấp tài khoản và tổ chức hướng dẫn cập nhật dữ liệu cho các chi bộ.",
    ),
    (
        IssueKind.PROBLEM,
        "Hồ sơ kết nạp quần chúng là lao động ngoại tỉnh chậm do chờ thẩm tra lý lịch ở nơi "
        "cư trú.",
        "Ban Thường vụ {office}",
        "Đã có công văn đề nghị cấp ủy nơi cư trú phối hợp thẩm tra, xác minh lý lịch.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị mở lớp bồi dưỡng nghiệp vụ công tác đảng cho bí thư, phó bí thư chi bộ mới.",
        "Văn phòng {office}",
        "Lớp bồi dưỡng nghiệp vụ công tác đảng được tổ chức trong quý tới; Văn phòng gửi giấy "
        "triệu tập tới các chi bộ.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị tổ chức lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú của doanh nghiệp.",
        "Ban Thường vụ {office}",
        "Đã đưa vào kế hoạch mở lớp bồi dưỡng nhận thức về Đảng; chi bộ gửi danh sách quần "
        "chúng ưu tú về Văn phòng.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị hỗ trợ doanh nghiệp thủ tục cấp phép xây dựng nhà xưởng mở rộng.",
        "Ủy ban nhân dân trên địa bàn",
        "Ủy ban nhân dân đã hướng dẫn doanh nghiệp hoàn thiện hồ sơ theo quy hoạch được duyệt.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị cơ quan thuế hướng dẫn doanh nghiệp thủ tục hoàn thuế giá trị gia tăng.",
        "Cơ quan thuế quản lý doanh nghiệp",
        "Cơ quan thuế đã tổ chức đối thoại và hướng dẫn doanh nghiệp nộp hồ sơ hoàn thuế điện tử.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị phối hợp với công an tăng cường bảo đảm an ninh trật tự khu vực công ty vào "
        "giờ tan ca.",
        "Công an trên địa bàn",
        "Công an đã bố trí lực lượng tuần tra khu vực cổng công ty vào giờ tan ca.",
    ),
    (
        IssueKind.PROPOSAL,
        "Đề nghị sớm hướng dẫn thu, nộp đảng phí theo quy định mới.",
        "Văn phòng {office}",
        "Văn phòng đã gửi hướng dẫn thu, nộp, quản lý đảng phí và mẫu sổ thu đảng phí mới.",
    ),
)
IN_PROGRESS_ANSWER = "Đang phối hợp xem xét, sẽ trả lời chi bộ bằng văn bản."

# Why an invited organisation did not come, with weights.
ABSENCE_REASONS = (
    ("Bí thư đi công tác nước ngoài, đã gửi báo cáo", 30),
    ("Trùng lịch làm việc với đối tác của công ty", 25),
    ("Bí thư ốm, phó bí thư đang nghỉ phép", 15),
    ("Doanh nghiệp kiểm kê cuối kỳ", 15),
    ("Không báo lý do", 15),
)
LATE_REPORT_NOTE = "Báo cáo gửi chậm, nhắc chi bộ lần sau gửi đúng hạn."
MISSING_REPORT_NOTE = "Chưa gửi báo cáo 6 tháng."

OPENING = (
    "Đồng chí {secretary}, Văn phòng {office}, tuyên bố lý do, giới thiệu đại biểu. Đồng chí "
    "{chair}, {chair_title}, chủ trì hội nghị. Dự hội nghị có đại diện {present}/{invited} tổ "
    "chức đảng được mời."
)
REPORT_SUMMARY = (
    "Hội nghị nghe báo cáo kết quả công tác xây dựng Đảng trong các doanh nghiệp {period}: các "
    "chi bộ duy trì sinh hoạt định kỳ, chú trọng sinh hoạt chuyên đề; công tác phát triển đảng "
    "viên được quan tâm. {on_time}/{invited} tổ chức đảng gửi báo cáo đúng hạn; còn {missing} "
    "tổ chức đảng chưa gửi báo cáo."
)
DISCUSSION = (
    "Có {speakers} ý kiến phát biểu của bí thư các tổ chức đảng, nêu {issues} khó khăn, vướng "
    "mắc, kiến nghị, tập trung vào việc bố trí thời gian sinh hoạt, thủ tục chuyển sinh hoạt "
    "đảng và hỗ trợ doanh nghiệp. {carried}"
)
CARRIED = "Hội nghị rà soát {count} kiến nghị từ các kỳ trước chưa giải quyết xong."
NO_CARRIED = "Các kiến nghị kỳ trước đã được trả lời đầy đủ."
CONCLUSION = (
    "Đồng chí {chair} biểu dương các tổ chức đảng thực hiện tốt chế độ sinh hoạt và báo cáo; "
    "đề nghị các chi bộ khắc phục hạn chế đã nêu, gửi báo cáo đúng hạn. Giao Văn phòng tổng "
    "hợp, chuyển các kiến nghị tới cơ quan có trách nhiệm và ban hành thông báo kết luận."
)

CANCEL_REASON = (
    "Ghi sai giờ họp (14 giờ, đúng là 8 giờ); đã thu hồi và phát hành giấy mời thay thế."
)
