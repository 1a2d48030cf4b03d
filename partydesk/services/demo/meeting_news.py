"""What each month of the sample minutes is about: the chuyên đề topics a chi bộ chooses from,
the anniversaries of the month and the news of particular months (all texts in force or events
that took place at the time; a topic is offered only from its date)."""

from __future__ import annotations

from datetime import date

HD42 = date(2025, 10, 28)  # Hướng dẫn 42-HD/BTCTW: 90/120-minute minimum, materials in advance

# --- chuyên đề ---------------------------------------------------------------------------------

# (in use from, topic, points the presenter makes); a topic is offered from its date on.
TOPICS: tuple[tuple[date, str, tuple[str, ...]], ...] = (
    (
        date(2021, 5, 18),
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự "
        "cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
        (
            "Người luôn đề cao tinh thần tự lực, tự cường, dựa vào sức mình là chính.",
            "Mỗi đảng viên cần phát huy sáng kiến, cải tiến kỹ thuật, nâng cao năng suất lao "
            "động tại vị trí công tác.",
        ),
    ),
    (
        date(2021, 5, 18),
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về thực hành tiết "
        "kiệm, chống lãng phí",
        (
            "Bác dạy: tiết kiệm không phải là bủn xỉn, mà là không xa xỉ, không hoang phí.",
            "Liên hệ thực tế: tiết kiệm điện, nước, nguyên vật liệu trong sản xuất; sử dụng "
            "hiệu quả thời gian làm việc.",
        ),
    ),
    (
        date(2021, 5, 18),
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tác phong làm việc "
        "khoa học, sâu sát, nêu gương của người đảng viên",
        (
            "Người đảng viên phải nói đi đôi với làm, việc gì có lợi cho dân thì phải hết sức làm.",
            "Mỗi đảng viên đăng ký ít nhất một việc làm cụ thể để làm theo trong quý.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Nâng cao chất lượng đảng viên trong doanh nghiệp",
        (
            "Đảng viên phải là người lao động giỏi, gương mẫu chấp hành nội quy, kỷ luật lao "
            "động của doanh nghiệp.",
            "Chi bộ tăng cường quản lý, giao nhiệm vụ cụ thể và đánh giá đảng viên bằng kết "
            "quả công việc.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
        (
            "Số người lao động là đoàn viên ưu tú, công nhân lành nghề trong doanh nghiệp còn "
            "nhiều nhưng việc tạo nguồn chưa thường xuyên.",
            "Cần phối hợp với chủ doanh nghiệp, Công đoàn và Đoàn Thanh niên để phát hiện, bồi "
            "dưỡng quần chúng ưu tú.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Vai trò của chi bộ trong lãnh đạo tổ chức Công đoàn và Đoàn Thanh niên trong doanh nghiệp",
        (
            "Chi bộ lãnh đạo Công đoàn chăm lo, bảo vệ quyền và lợi ích hợp pháp của người lao "
            "động.",
            "Đoàn Thanh niên là lực lượng nòng cốt giới thiệu đoàn viên ưu tú cho Đảng xem xét "
            "kết nạp.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Phát huy vai trò tiên phong, gương mẫu của đảng viên trong sản xuất, kinh doanh",
        (
            "Đảng viên giữ vị trí quản lý phải gương mẫu, công tâm, gần gũi người lao động.",
            "Đảng viên trực tiếp sản xuất đi đầu về năng suất, chất lượng và an toàn lao động.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện "
        "\u201ctự diễn biến\u201d, \u201ctự chuyển hóa\u201d trong nội bộ",
        (
            "Nhận diện các biểu hiện suy thoái: ngại học tập lý luận, thờ ơ với công việc "
            "chung, chạy theo lợi ích cá nhân.",
            "Mỗi đảng viên tự soi, tự sửa, giữ gìn phẩm chất, đạo đức cách mạng.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng",
        (
            "Các thế lực thù địch lợi dụng mạng xã hội để xuyên tạc chủ trương, đường lối của "
            "Đảng.",
            "Đảng viên không chia sẻ thông tin chưa được kiểm chứng và chủ động đăng tải thông "
            "tin tích cực.",
        ),
    ),
    (
        date(2020, 1, 1),
        "Bảo đảm an toàn, vệ sinh lao động và phòng, chống cháy nổ tại doanh nghiệp",
        (
            "Rà soát hệ thống điện, phương tiện chữa cháy và lối thoát hiểm tại nhà xưởng.",
            "Đảng viên gương mẫu chấp hành quy trình an toàn và nhắc nhở người lao động cùng "
            "thực hiện.",
        ),
    ),
    (
        date(2025, 1, 1),
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trong doanh nghiệp",
        (
            "Doanh nghiệp từng bước số hóa quy trình quản lý, sử dụng hóa đơn, hợp đồng điện tử.",
            "Đảng viên đi đầu học tập, ứng dụng công nghệ số vào công việc được giao.",
        ),
    ),
    (
        date(2025, 5, 4),
        "Đảng viên với việc thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị "
        "về phát triển kinh tế tư nhân",
        (
            "Nghị quyết xác định kinh tế tư nhân là một động lực quan trọng nhất của nền kinh tế "
            "quốc gia.",
            "Chi bộ cùng chủ doanh nghiệp nghiên cứu các chính sách hỗ trợ để mở rộng sản xuất, "
            "kinh doanh.",
        ),
    ),
    (
        HD42,
        "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 "
        "của Ban Tổ chức Trung ương",
        (
            "Buổi sinh hoạt thường kỳ kéo dài ít nhất 90 phút; khi kết hợp chuyên đề ít nhất "
            "120 phút.",
            "Tài liệu sinh hoạt được đăng trên ứng dụng Sổ tay đảng viên điện tử ít nhất 01 "
            "ngày trước buổi sinh hoạt.",
        ),
    ),
)

# --- the month's news ------------------------------------------------------------------------

# Anniversaries by month: (template, year of the event); {n} is the number of years.
ANNIVERSARIES: dict[int, tuple[tuple[str, int], ...]] = {
    1: (("Tết Dương lịch và công tác chuẩn bị đón Tết Nguyên đán", 0),),
    2: (
        (
            "kỷ niệm {n} năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/{year})",
            1930,
        ),
    ),
    3: (
        ("kỷ niệm Ngày Quốc tế Phụ nữ 8/3", 0),
        (
            "kỷ niệm {n} năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/1931 – "
            "26/3/{year})",
            1931,
        ),
    ),
    4: (
        (
            "kỷ niệm {n} năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – "
            "30/4/{year})",
            1975,
        ),
    ),
    5: (
        ("Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động năm {year}", 0),
        (
            "kỷ niệm {n} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{year})",
            1890,
        ),
    ),
    6: (("kỷ niệm {n} năm Ngày Báo chí Cách mạng Việt Nam (21/6/1925 – 21/6/{year})", 1925),),
    7: (
        ("kỷ niệm {n} năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/{year})", 1947),
        ("kỷ niệm {n} năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/{year})", 1929),
    ),
    8: (
        (
            "kỷ niệm {n} năm Cách mạng Tháng Tám thành công và Quốc khánh nước Cộng hòa xã hội "
            "chủ nghĩa Việt Nam (02/9/1945 – 02/9/{year})",
            1945,
        ),
    ),
    9: (("kết quả tổ chức các hoạt động chào mừng Quốc khánh 2/9", 0),),
    10: (
        (
            "kỷ niệm {n} năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam (20/10/1930 – "
            "20/10/{year})",
            1930,
        ),
        ("kỷ niệm Ngày Doanh nhân Việt Nam 13/10", 0),
    ),
    11: (
        (
            "kỷ niệm {n} năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 – "
            "18/11/{year})",
            1930,
        ),
    ),
    12: (
        (
            "kỷ niệm {n} năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/{year})",
            1944,
        ),
    ),
}

# News of particular months: ((first year, month), (last year, month), text).
DATED_NEWS: tuple[tuple[tuple[int, int], tuple[int, int], str], ...] = (
    (
        (2025, 6),
        (2025, 8),
        "việc sắp xếp đơn vị hành chính và vận hành chính quyền địa phương hai cấp từ ngày "
        "01/7/2025",
    ),
    (
        (2025, 6),
        (2025, 10),
        "việc tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025–2030, tiến tới Đại hội đại biểu "
        "toàn quốc lần thứ XIV của Đảng",
    ),
    (
        (2025, 6),
        (2025, 12),
        "Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân",
    ),
    (
        (2025, 11),
        (2026, 2),
        "Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương về nâng cao chất "
        "lượng sinh hoạt chi bộ",
    ),
    (
        (2026, 1),
        (2026, 2),
        "thông tin về Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    ),
    (
        (2026, 1),
        (2026, 3),
        "công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các "
        "cấp nhiệm kỳ 2026–2031",
    ),
    (
        (2026, 2),
        (2026, 4),
        "Quy định số 01-QĐ/TW ngày 03/02/2026 của Bộ Chính trị về chế độ đảng phí",
    ),
    (
        (2026, 3),
        (2026, 8),
        "việc học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    ),
)
GENERAL_NEWS = (
    "tình hình kinh tế – xã hội của đất nước và của địa phương trong tháng",
    "một số sự kiện quốc tế nổi bật trong tháng",
    "các văn bản mới của cấp ủy cấp trên gửi chi bộ",
    "chính sách mới về lao động, tiền lương và bảo hiểm xã hội",
)
