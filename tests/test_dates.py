"""Dates and periods: value AND text of every record, on sentences written for these tests.

Each row is one expression in a realistic sentence; the expected lists are the EXACT records
the pipeline must return (so a false alarm fails as surely as a miss). The examples in
rules/dates.yaml run here too.
"""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.recognise.dates import parse_published
from extractor.rules import shipped_rules_dir

# (sentence, published, [(date text, value)])
DATES = [
    # no publication date: the nearest year written in the text
    ("Sáng 12/5, HĐND xã tổ chức kỳ họp chuyên đề.\n\nTrong năm 2022, xã đã ban hành 14 nghị quyết.", None,
     [("Sáng 12/5", "2022-05-12")]),
    # day/month in digits, then "năm" and the year: one date, not a date and a year period
    ("Ngày 9/3 năm 2021 Bộ Xây dựng ban hành văn bản hướng dẫn.", None,
     [("Ngày 9/3 năm 2021", "2021-03-09")]),
    # --- day and month, year from the publication date ---------------------------------
    ("Ngày 14/10, Ban Chấp hành Đảng bộ huyện tổ chức kỳ họp lần thứ 3.", "2020-10-15",
     [("Ngày 14/10", "2020-10-14")]),
    ("Sáng 21/10, HĐND huyện khai mạc kỳ họp thứ 12.", "2020-10-22",
     [("Sáng 21/10", "2020-10-21")]),
    ("Chiều 19/11, Ban Dân vận Tỉnh ủy sơ kết công tác dân vận.", "2019-11-20",
     [("Chiều 19/11", "2019-11-19")]),
    ("Tối 5/3, đoàn thanh niên ra quân chiến dịch tình nguyện.", "2023-03-06",
     [("Tối 5/3", "2023-03-05")]),
    ("Trưa 12/8, lực lượng cứu hộ tiếp cận hiện trường.", "2022-08-12",
     [("Trưa 12/8", "2022-08-12")]),
    ("Đêm 30/7, mưa lớn làm ngập nhiều tuyến đường.", "2021-07-31",
     [("Đêm 30/7", "2021-07-30")]),
    ("Rạng sáng 5-3, sạt lở đất xảy ra tại bản Nà Khoang.", "2023-03-06",
     [("Rạng sáng 5-3", "2023-03-05")]),
    ("Ngày 6.10, Sở Công Thương kiểm tra thị trường xăng dầu.", "2021-10-07",
     [("Ngày 6.10", "2021-10-06")]),
    ("Ngày 14-10, huyện tổ chức lễ ra quân.", "2020-10-20",
     [("Ngày 14-10", "2020-10-14")]),
    ("Hôm 3/11, đoàn công tác kiểm tra tiến độ dự án.", "2021-11-05",
     [("Hôm 3/11", "2021-11-03")]),
    ("Chào mừng ngày mồng 2/9, xã treo cờ trên các tuyến đường.", "2022-08-20",
     [("ngày mồng 2/9", "2022-09-02")]),
    ("Sáng nay (14/10), hội nghị tiếp tục phiên thảo luận.", "2020-10-14",
     [("Sáng nay (14/10)", "2020-10-14")]),
    ("Chiều qua (20/10), Thường trực HĐND tỉnh giám sát tại huyện.", "2020-10-21",
     [("Chiều qua (20/10)", "2020-10-20")]),
    ("UBND xã cho biết (12/4) đã hoàn thành việc chi trả.", "2022-04-13",
     [("12/4", "2022-04-12")]),
    ("Hội nghị lần thứ 2 (ngày 14/10/2020) thông qua quy chế làm việc.", None,
     [("ngày 14/10/2020", "2020-10-14")]),
    ("Kỷ niệm 90 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2020), huyện tổ chức mít tinh.", "2020-02-01",
     [("3/2/1930", "1930-02-03"), ("3/2/2020", "2020-02-03")]),
    ("Sáng 14/10 (tức ngày 28/8 âm lịch), lễ hội đền Cửa Ông khai mạc.", "2020-10-15",
     [("Sáng 14/10", "2020-10-14")]),
    ("Từ ngày 15/10 đến hết ngày 31/12/2020, người dân được miễn phí gửi xe.", None,
     [("ngày 15/10", "2020-10-15"), ("ngày 31/12/2020", "2020-12-31")]),
    ("Các đại biểu thống nhất: ngày 20 tháng 6, khởi công cầu dân sinh.", "2020-06-01",
     [("ngày 20 tháng 6", "2020-06-20")]),
    ("Hôm nay (14/10), Đoàn đại biểu Quốc hội tỉnh tiếp xúc cử tri.", "2020-10-14",
     [("Hôm nay (14/10)", "2020-10-14")]),
    ("Các xã nộp báo cáo chậm nhất trước 30/6.", "2023-05-10",
     [("30/6", "2023-06-30")]),
    ("Nhân dịp kỷ niệm 2/9 năm nay, xã trao 50 suất quà.", "2023-08-25",
     [("2/9", "2023-09-02")]),
    # --- weekdays ----------------------------------------------------------------------
    ("Sáng thứ Hai (14/10), Thường trực Tỉnh ủy làm việc với huyện.", "2019-10-15",
     [("Sáng thứ Hai (14/10)", "2019-10-14")]),
    ("Thứ Năm, ngày 22/10/2020, Hội Nông dân tổ chức hội thảo.", None,
     [("Thứ Năm, ngày 22/10/2020", "2020-10-22")]),
    ("Chủ nhật (18/10), hơn 500 đoàn viên tham gia ngày hội.", "2020-10-19",
     [("Chủ nhật (18/10)", "2020-10-18")]),
    ("Thứ 6, 16/12/2022, Ban Tuyên giáo tổ chức hội nghị.", None,
     [("Thứ 6, 16/12/2022", "2022-12-16")]),
    ("Kỳ họp thứ 3, ngày 14/10/2020, thông qua 12 nghị quyết.", None,
     [("ngày 14/10/2020", "2020-10-14")]),
    # --- full dates --------------------------------------------------------------------
    ("Chiều ngày 21/11/2024, Ủy ban nhân dân tỉnh họp phiên thường kỳ.", None,
     [("Chiều ngày 21/11/2024", "2024-11-21")]),
    ("Ngày 7-4-2015, UBND tỉnh ban hành quyết định thành lập ban chỉ đạo.", None,
     [("Ngày 7-4-2015", "2015-04-07")]),
    ("Ngày 20 tháng 6 năm 2020, Bộ Chính trị ban hành Chỉ thị về đại hội đảng bộ các cấp.", None,
     [("Ngày 20 tháng 6 năm 2020", "2020-06-20")]),
    ("Hội nghị được tổ chức vào 14/10/2020 tại hội trường huyện.", None,
     [("14/10/2020", "2020-10-14")]),
    ("Lễ khánh thành diễn ra ngày 01.09.2019 với sự tham dự của lãnh đạo tỉnh.", None,
     [("ngày 01.09.2019", "2019-09-01")]),
    ("Hệ thống ghi nhận hồ sơ nộp lúc 2023-05-17 trên cổng dịch vụ công.", None,
     [("2023-05-17", "2023-05-17")]),
    ("Ngày 29/2/2024, Sở Tài chính công khai số liệu quyết toán.", None,
     [("Ngày 29/2/2024", "2024-02-29")]),
    ("Tập trung quán triệt Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị.", None,
     [("ngày 20/6/2020", "2020-06-20")]),
    ("Thực hiện Quyết định số 1234/QĐ-UBND ngày 14/10/2020 của UBND tỉnh.", None,
     [("ngày 14/10/2020", "2020-10-14")]),
    # --- ranges and lists give both ends -----------------------------------------------
    ("Hội chợ diễn ra từ ngày 1 đến 5/10 tại sân vận động huyện.", "2023-09-20",
     [("ngày 1", "2023-10-01"), ("5/10", "2023-10-05")]),
    ("Kỳ họp thứ 8 HĐND tỉnh diễn ra trong hai ngày 14-15/10.", "2020-10-16",
     [("ngày 14", "2020-10-14"), ("15/10", "2020-10-15")]),
    ("Ngày 14 và 15/10, các tổ đại biểu tiếp xúc cử tri tại 12 xã.", "2020-10-10",
     [("Ngày 14", "2020-10-14"), ("15/10", "2020-10-15")]),
    ("Đoàn kiểm tra làm việc tại xã từ ngày 28/9 đến ngày 2/10/2020.", None,
     [("ngày 28/9", "2020-09-28"), ("ngày 2/10/2020", "2020-10-02")]),
    ("Lớp bồi dưỡng mở từ 28/12/2021 đến 5/1 tại trường Chính trị tỉnh.", None,
     [("28/12/2021", "2021-12-28"), ("5/1", "2022-01-05")]),
    ("Các ngày 3, 4 và 5/8, đoàn giám sát làm việc tại huyện.", "2021-08-06",
     [("ngày 3", "2021-08-03"), ("4", "2021-08-04"), ("5/8", "2021-08-05")]),
    # --- the year: roll-back, a nearby year, unknown ------------------------------------
    ("Ngày 20/12, huyện đã tổ chức tổng kết công tác năm.", "2021-01-10",
     [("Ngày 20/12", "2020-12-20")]),
    ("Ngày 20/12, huyện sẽ tổ chức tổng kết công tác năm.", "2021-01-10",
     [("Ngày 20/12", "2021-12-20")]),
    ("Ngày 28/12, Huyện ủy tổ chức hội nghị tổng kết.", "2021-01-10",
     [("Ngày 28/12", "2020-12-28")]),
    ("Ngày 25/12 tới, xã đã lên kế hoạch tổ chức hội chợ.", "2021-01-10",
     [("Ngày 25/12", "2021-12-25")]),
    ("Ngày 14/10, huyện họp; ngày 20/11 dự kiến tổng kết năm 2020.", None,
     [("Ngày 14/10", "2020-10-14"), ("ngày 20/11", "2020-11-20")]),
    ("Ngày 14/10, ông Nguyễn Văn Bình kiểm tra công tác phòng chống lụt bão.", None,
     [("Ngày 14/10", "XXXX-10-14")]),
]

# (sentence, published) that hold no date at all
NO_DATES = [
    ("Toàn huyện hiện có 21/21 trường đạt chuẩn quốc gia.", "2020-10-15"),
    ("Có 5/7 xã đạt chuẩn nông thôn mới nâng cao.", "2020-10-15"),
    ("Nghị định 15/2021/NĐ-CP quy định chi tiết về quản lý dự án.", None),
    ("Theo Thông tư 05/2021/TT-BTC, các địa phương rà soát chi thường xuyên.", None),
    ("Nghị quyết số 13-NQ/HU của Huyện ủy về phương hướng nhiệm vụ.", None),
    ("Tỷ lệ giải ngân đạt 96,9%, tăng 1,29% so với cùng kỳ.", None),
    ("Phiên bản 1.2.3 của phần mềm quản lý văn bản được cập nhật.", None),
    ("Đảng bộ có 2033 đảng viên sinh hoạt tại 45 chi bộ.", None),
    ("Tổng trị giá các công trình là 14.10 tỷ đồng.", None),
    ("Sản lượng đạt 12,5 tấn/ha, tăng 0,5 tấn.", None),
    ("Đường dây nóng hoạt động 24/7 để tiếp nhận phản ánh.", "2020-10-15"),
    ("Các hộ nghèo được hỗ trợ 1-2 con bò giống.", None),
    ("Tiêu chuẩn TCVN 5574-2018 được áp dụng cho công trình.", None),
    ("Ngày 31/9, đoàn kiểm tra làm việc tại huyện.", "2021-10-05"),
    ("Ngày 30/2/2021, hệ thống ghi nhận lỗi nhập liệu.", None),
    ("Điều 14/10 của quy chế quy định rõ trách nhiệm.", "2020-10-15"),
    ("Số điện thoại 0203.3878.123 tiếp nhận phản ánh của người dân.", None),
    ("Tỷ lệ 3/4 số hộ đã đăng ký tham gia mô hình.", "2020-10-15"),
    ("Lúc 20 giờ 15, đoàn xe xuất phát về các xã.", None),
    ("Giá lúa tăng từ 5.500 lên 6.200 đồng/kg.", None),
    ("Kết quả kiểm tra số 12/5/2020 được lưu tại văn phòng.", None),
    ("Mã hồ sơ 2020-10-99 không hợp lệ.", None),
    ("Đạt 11/12 chỉ tiêu, trong đó 6/12 chỉ tiêu vượt kế hoạch.", "2020-10-15"),
    ("Đến nay, toàn huyện đạt 19/21 chỉ tiêu.", "2022-12-16"),
    ("Tỷ lệ hộ dùng nước sạch tăng từ 3/5 lên 4/5 số hộ.", "2022-12-16"),
    ("Sau 2/3 thời gian thi công, công trình đạt 70% khối lượng.", "2022-12-16"),
    ("Trước 12 giờ, các tổ bầu cử báo cáo kết quả.", "2022-12-16"),
    ("Sáng tạo trong 1/2 số mô hình được nhân rộng.", "2022-12-16"),
]

# (sentence, published, [(period text, start, end)])
PERIODS = [
    # old i-spelling of "quý"
    ("Trong quí III năm 2022, sản lượng điện thương phẩm tăng 6%.", None,
     [("quí III năm 2022", "2022-07-01", "2022-09-30")]),
    ("Họp thường kỳ tháng 6 năm 2024\n\nTrong quý II năm nay, tỉnh thu hút 12 dự án mới.", None,
     [("tháng 6 năm 2024", "2024-06-01", "2024-06-30"), ("quý II năm nay", "2024-04-01", "2024-06-30")]),
    # no publication date: the year written elsewhere in the text (title, next paragraph)
    ("Kinh tế tháng 4 năm 2023 khởi sắc\n\nTrong tháng 4, thu ngân sách đạt 310 tỷ đồng; "
     "3 tháng đầu năm, xuất khẩu tăng 9%.", None,
     [("tháng 4 năm 2023", "2023-04-01", "2023-04-30"), ("tháng 4", "2023-04-01", "2023-04-30"),
      ("3 tháng đầu năm", "2023-01-01", "2023-03-31")]),
    ("Trong tháng 10/2020, toàn tỉnh đón 120 nghìn lượt khách.", None,
     [("tháng 10/2020", "2020-10-01", "2020-10-31")]),
    ("Chỉ số giá tiêu dùng tháng 2 năm 2024 tăng nhẹ.", None,
     [("tháng 2 năm 2024", "2024-02-01", "2024-02-29")]),
    ("Tháng 9, xã đã hoàn thành bàn giao 15 căn nhà.", "2022-10-03",
     [("Tháng 9", "2022-09-01", "2022-09-30")]),
    ("Tháng 12, xã đã hoàn thành bàn giao nhà đại đoàn kết.", "2021-02-03",
     [("Tháng 12", "2020-12-01", "2020-12-31")]),
    ("Xuất khẩu tháng 9, 10/2020 đều tăng so với tháng 8.", None,
     [("tháng 9", "2020-09-01", "2020-09-30"), ("10/2020", "2020-10-01", "2020-10-31"),
      ("tháng 8", "2020-08-01", "2020-08-31")]),
    ("Từ tháng 6 đến tháng 9/2021, huyện tổ chức 14 lớp tập huấn.", None,
     [("Từ tháng 6 đến tháng 9/2021", "2021-06-01", "2021-09-30")]),
    ("Tháng 10 năm nay, giá điện bán lẻ điều chỉnh tăng.", "2023-05-04",
     [("Tháng 10 năm nay", "2023-10-01", "2023-10-31")]),
    ("Kinh tế quý III/2020 phục hồi sau dịch.", None,
     [("quý III/2020", "2020-07-01", "2020-09-30")]),
    ("Kế hoạch vốn quý IV năm 2021 được giao sớm.", None,
     [("quý IV năm 2021", "2021-10-01", "2021-12-31")]),
    ("Doanh thu quý 3/2022 của hợp tác xã tăng mạnh.", None,
     [("quý 3/2022", "2022-07-01", "2022-09-30")]),
    ("Kết quả quý I và quý II năm 2021 đều vượt kế hoạch.", None,
     [("quý I", "2021-01-01", "2021-03-31"), ("quý II năm 2021", "2021-04-01", "2021-06-30")]),
    ("Quý IV, huyện đã hoàn thành kế hoạch giải ngân.", "2021-02-03",
     [("Quý IV", "2020-10-01", "2020-12-31")]),
    ("Trong 9 tháng đầu năm, huyện giảm 45 hộ nghèo.", "2020-10-15",
     [("9 tháng đầu năm", "2020-01-01", "2020-09-30")]),
    ("Nhiệm vụ trọng tâm 3 tháng cuối năm 2020 đã được triển khai.", None,
     [("3 tháng cuối năm 2020", "2020-10-01", "2020-12-31")]),
    ("Sáu tháng đầu năm 2023, xuất khẩu đạt 2 tỷ USD.", None,
     [("Sáu tháng đầu năm 2023", "2023-01-01", "2023-06-30")]),
    ("Trong 6 tháng cuối năm, huyện tập trung giải ngân vốn đầu tư.", "2021-07-02",
     [("6 tháng cuối năm", "2021-07-01", "2021-12-31")]),
    ("Kết quả 9 tháng năm 2019 cho thấy sản xuất ổn định.", None,
     [("9 tháng năm 2019", "2019-01-01", "2019-09-30")]),
    ("Nửa đầu năm 2022, du lịch phục hồi mạnh.", None,
     [("Nửa đầu năm 2022", "2022-01-01", "2022-06-30")]),
    ("Các chỉ tiêu những tháng cuối năm 2020 được tập trung chỉ đạo.", None,
     [("những tháng cuối năm 2020", "2020-10-01", "2020-12-31")]),
    ("Từ đầu năm đến nay, toàn tỉnh có 1.200 doanh nghiệp thành lập mới.", "2022-08-31",
     [("Từ đầu năm đến nay", "2022-01-01", "2022-08-31")]),
    ("Kế hoạch năm 2020 của huyện được ban hành sớm.", None,
     [("năm 2020", "2020-01-01", "2020-12-31")]),
    ("Năm 2021 và năm 2022 là hai năm nhiều khó khăn.", None,
     [("Năm 2021", "2021-01-01", "2021-12-31"), ("năm 2022", "2022-01-01", "2022-12-31")]),
    ("Huyện phấn đấu đến năm 2025 có 100% xã đạt chuẩn nông thôn mới.", None,
     [("năm 2025", "2025-01-01", "2025-12-31")]),
    ("Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025 thành công tốt đẹp.", None,
     [("nhiệm kỳ 2020 - 2025", "2020-01-01", "2025-12-31")]),
    ("Kế hoạch đầu tư công trung hạn giai đoạn 2021–2025 đã được phê duyệt.", None,
     [("giai đoạn 2021–2025", "2021-01-01", "2025-12-31")]),
    ("Từ năm 2016 đến năm 2020, huyện đã đầu tư 200 công trình.", None,
     [("Từ năm 2016 đến năm 2020", "2016-01-01", "2020-12-31")]),
    ("Chương trình mục tiêu quốc gia 2016-2020 kết thúc với nhiều kết quả.", None,
     [("2016-2020", "2016-01-01", "2020-12-31")]),
    ("Năm nay, huyện phấn đấu có thêm 2 xã đạt chuẩn nông thôn mới.", "2021-03-02",
     [("Năm nay", "2021-01-01", "2021-12-31")]),
    ("Năm ngoái, số ca mắc sốt xuất huyết ở xã giảm mạnh.", "2023-05-04",
     [("Năm ngoái", "2022-01-01", "2022-12-31")]),
    ("Tháng trước, lượng khách đến khu du lịch tăng mạnh.", "2023-07-05",
     [("Tháng trước", "2023-06-01", "2023-06-30")]),
    ("Quý I năm nay, doanh thu của hợp tác xã tăng.", "2021-05-03",
     [("Quý I năm nay", "2021-01-01", "2021-03-31")]),
    ("Trong 6 tháng đầu năm ngoái, doanh thu giảm mạnh.", "2021-05-03",
     [("6 tháng đầu năm ngoái", "2020-01-01", "2020-06-30")]),
    ("Dự án thực hiện từ tháng 3/2021 đến tháng 6/2022 tại 5 xã.", None,
     [("từ tháng 3/2021 đến tháng 6/2022", "2021-03-01", "2022-06-30")]),
    ("Tháng tới, huyện tổ chức hội thi tuyên truyền viên giỏi.", "2023-12-04",
     [("Tháng tới", "2024-01-01", "2024-01-31")]),
    ("Doanh thu quý I tăng so với quý trước.", "2022-04-05",
     [("quý I", "2022-01-01", "2022-03-31")]),
    ("Trong 9 tháng đầu năm 2020, thu ngân sách tăng 12% so với cùng kỳ năm trước.", None,
     [("9 tháng đầu năm 2020", "2020-01-01", "2020-09-30")]),
    ("Tính chung 9 tháng đầu năm 2023, GDP tăng 4,38%; thu ngân sách 9 tháng đạt 76,9% dự toán.",
     None, [("9 tháng đầu năm 2023", "2023-01-01", "2023-09-30"), ("9 tháng", "2023-01-01", "2023-09-30")]),
]

NO_PERIODS = [
    ("Ngày 9/3 năm 2021 Bộ Xây dựng ban hành văn bản hướng dẫn.", None),  # the year is the date's
    ("Mỗi tháng 2 lần, tổ công tác kiểm tra các chợ trên địa bàn.", "2020-10-15"),
    ("Tổ kiểm tra họp tháng 2 lần để rà soát hồ sơ.", "2020-10-15"),
    ("Tháng 7 âm lịch, người dân hạn chế khởi công nhà mới.", "2023-04-01"),
    ("Quý khách vui lòng liên hệ bộ phận một cửa.", None),
    ("Đây là tài sản quý báu của dân tộc.", None),
    ("Lương tháng 13 được chi trả đúng hạn cho người lao động.", None),
    ("Các hộ được hỗ trợ vay vốn trong 5 năm liên tục.", None),
    ("Trẻ 6 tháng tuổi được tiêm chủng đầy đủ.", None),
    ("Hội nghị kéo dài 3 tháng 10 ngày.", "2020-10-15"),
    ("Nhiều năm trước, tuyến đường này chưa được nâng cấp.", "2023-05-04"),
    ("Cách đây 2 năm trước, xã còn nhiều khó khăn.", "2023-05-04"),
    ("Trong những năm qua, huyện đã có nhiều đổi mới.", "2023-05-04"),
    ("Những năm 1990, xã còn rất khó khăn.", None),
    ("Giai đoạn 2 của dự án được khởi công.", None),
    ("Trong thời gian tới, huyện tiếp tục triển khai chương trình.", "2023-05-04"),
    ("Ngay từ đầu năm, xã đã triển khai kế hoạch phòng chống dịch.", "2020-10-15"),
    ("Bà con có thu nhập 2020 nghìn đồng mỗi tháng.", None),
    ("Nghị quyết 10/2020/NQ-HĐND quy định mức chi hỗ trợ.", None),
    ("Đường dây nóng 1900-2020 hoạt động cả ngày.", None),
    ("Thu ngân sách tăng 47% so với cùng kỳ.", "2020-10-15"),
    ("Giá lúa tăng 8% so với cùng kỳ năm trước.", "2020-10-15"),
    ("So với năm ngoái, số ca mắc sốt xuất huyết giảm mạnh.", "2023-05-04"),
    ("Lượng khách tăng mạnh so với tháng trước.", "2023-07-05"),
    ("Năng suất lúa tăng 1,2 tạ/ha so với vụ mùa năm trước.", "2023-07-05"),
    ("Năm trước, xã trồng mới 40 ha rừng.", None),
    ("Hội chợ diễn ra từ ngày 1 đến 5/10 tại sân vận động huyện.", "2023-09-20"),
    ("Sau 9 tháng triển khai, mô hình cho kết quả tốt.", "2020-10-15"),
]


def _dates(out):
    return [(d["text"], d["value"]) for d in out["dates"]]


def _periods(out):
    return [(p["text"], p["start_date"], p["end_date"]) for p in out["periods"]]


@pytest.mark.parametrize("text,published,expected", DATES, ids=[t[:40] for t, _, _ in DATES])
def test_dates(run, text, published, expected):
    out = run(text, published=published)
    assert _dates(out) == expected


@pytest.mark.parametrize("text,published", NO_DATES, ids=[t[:40] for t, _ in NO_DATES])
def test_no_dates(run, text, published):
    assert _dates(run(text, published=published)) == []


@pytest.mark.parametrize("text,published,expected", PERIODS, ids=[t[:40] for t, _, _ in PERIODS])
def test_periods(run, text, published, expected):
    assert _periods(run(text, published=published)) == expected


@pytest.mark.parametrize("text,published", NO_PERIODS, ids=[t[:40] for t, _ in NO_PERIODS])
def test_no_periods(run, text, published):
    assert _periods(run(text, published=published)) == []


def test_expression_counts():
    positives = sum(len(e) for _, _, e in DATES) + sum(len(e) for _, _, e in PERIODS)
    negatives = len(NO_DATES) + len(NO_PERIODS)
    assert positives + negatives >= 80 and negatives >= 20


# --- record details ----------------------------------------------------------------------
def test_spans_index_the_text_and_flags(run):
    text = ("Ngày 14/10, huyện họp tổng kết 9 tháng đầu năm; ngày 20/6/2020 là ngày ban hành "
            "Chỉ thị; các tháng cuối năm 2020 tập trung giải ngân.")
    out = run(text, published="2020-10-15")
    by_text = {d["text"]: d for d in out["dates"]}
    assert by_text["Ngày 14/10"]["inferred_year"] is True
    assert by_text["ngày 20/6/2020"]["inferred_year"] is False
    for rec in out["dates"] + out["periods"]:
        s, e = rec["span"]
        assert text[s:e] == rec["text"]
    grans = {p["text"]: p for p in out["periods"]}
    assert grans["9 tháng đầu năm"]["granularity"] == "part_of_year"
    assert grans["9 tháng đầu năm"].get("vague") is None
    assert grans["các tháng cuối năm 2020"]["vague"] is True


@pytest.mark.parametrize("text,granularity", [
    ("Báo cáo tháng 10/2020 của Sở.", "month"),
    ("Báo cáo quý III/2020 của Sở.", "quarter"),
    ("Báo cáo 6 tháng đầu năm 2020 của Sở.", "half"),
    ("Báo cáo 9 tháng đầu năm 2020 của Sở.", "part_of_year"),
    ("Báo cáo năm 2020 của Sở.", "year"),
    ("Báo cáo giai đoạn 2016-2020 của Sở.", "multi_year"),
])
def test_granularity(run, text, granularity):
    periods = run(text)["periods"]
    assert [p["granularity"] for p in periods] == [granularity]


# --- with the other stages ----------------------------------------------------------------
def test_document_claims(nlp):
    """The documents stage runs first: a date inside a reference it claimed whole is still a
    date, and a number it claimed is never read again."""
    text = "Thực hiện Chỉ thị số 45-CT/TW ngày 20/6/2020 và Nghị quyết 12/2021/NQ-HĐND."
    doc = nlp.make_doc(text)
    doc._.meta["published"] = "2021-03-01"
    whole = text.index("Chỉ thị")
    doc._.claims.claim(whole, text.index(" và"), "documents")
    number = text.index("12/2021")
    doc._.claims.claim(number, number + len("12/2021/NQ-HĐND"), "documents")
    for name in ("vngov_dates", "vngov_periods"):
        doc = nlp.get_pipe(name)(doc)
    assert [(d["text"], d["value"]) for d in doc._.records["dates"]] == [("ngày 20/6/2020", "2020-06-20")]
    assert doc._.records["periods"] == []


def test_rules_folder_switches_relative_periods(tmp_path):
    """Off by default, on in a user's rules folder: "cùng kỳ năm trước" as the sentence's
    period a year earlier, a range of days as one period; "từ đầu năm đến nay" the other way."""
    from extractor.api import extract

    (tmp_path / "dates.yaml").write_text(
        "same_period: {emit: true}\nday_ranges: {emit_period: true}\n"
        "since_start_of_year: {emit: false}\nrelative: {emit: false}\n", encoding="utf-8")
    text = ("Từ đầu năm đến nay, thu ngân sách 9 tháng đầu năm tăng 5% so với cùng kỳ năm trước; "
            "năm nay hội chợ diễn ra từ ngày 1 đến 5/10.")
    shipped = extract(text, published="2022-09-20").to_dict()
    mine = extract(text, published="2022-09-20", rules=[str(tmp_path)]).to_dict()
    assert _periods(shipped) == [("Từ đầu năm đến nay", "2022-01-01", "2022-09-20"),
                                 ("9 tháng đầu năm", "2022-01-01", "2022-09-30"),
                                 ("năm nay", "2022-01-01", "2022-12-31")]
    assert _periods(mine) == [("9 tháng đầu năm", "2022-01-01", "2022-09-30"),
                              ("cùng kỳ năm trước", "2021-01-01", "2021-09-30"),
                              ("từ ngày 1 đến 5/10", "2022-10-01", "2022-10-05")]
    assert [p["granularity"] for p in mine["periods"]] == ["part_of_year", "part_of_year", "day-range"]
    assert _dates(mine) == _dates(shipped) == [("ngày 1", "2022-10-01"), ("5/10", "2022-10-05")]


@pytest.mark.parametrize("text,published,expected", [
    ("Tổng thu tăng 5% so với cùng kỳ năm 2019.", "2020-10-15", ("2019-01-01", "2019-12-31")),
    ("Quý III/2021, xuất khẩu tăng 7% so với cùng kỳ năm ngoái.", None, ("2020-07-01", "2020-09-30")),
    ("Tháng 9/2021, giá lợn hơi giảm so với cùng kỳ năm 2019.", None, ("2019-09-01", "2019-09-30")),
])
def test_same_period_when_switched_on(tmp_path, text, published, expected):
    from extractor.api import extract

    (tmp_path / "dates.yaml").write_text("same_period: {emit: true}\n", encoding="utf-8")
    periods = extract(text, published=published, rules=[str(tmp_path)]).to_dict()["periods"]
    assert (periods[-1]["start_date"], periods[-1]["end_date"]) == expected
    assert periods[-1]["text"].startswith("cùng kỳ")


# --- the publication date ----------------------------------------------------------------
@pytest.mark.parametrize("given,date,time", [
    ("2020-10-15", "2020-10-15", None),
    ("2020-10-15T08:00:00+07:00", "2020-10-15", "08:00"),
    ("2020-10-15 08:30", "2020-10-15", "08:30"),
    ("15/10/2020", "2020-10-15", None),
    ("15/10/2020 08:00", "2020-10-15", "08:00"),
    ("5-3-2023", "2023-03-05", None),
    ("08:11 08/04/2015", "2015-04-08", "08:11"),
    ("2020/10/15", "2020-10-15", None),
    ("31/02/2020", None, None),
    ("hôm qua", None, None),
    (None, None, None),
])
def test_parse_published(given, date, time):
    d, t = parse_published(given)
    assert (d.isoformat() if d else None, t) == (date, time)


@pytest.mark.parametrize("text,published,time,dateline", [
    ("Kỳ họp thứ 3\n\n15/10/2020 08:00\n\nNgày 14/10, huyện tổ chức kỳ họp.",
     "2020-10-15", "08:00", "15/10/2020 08:00"),
    ("Hội thảo chuyên đề\nThứ Tư, 08/04/2015, 08:11 [GMT+7]\nSáng 7/4, Sở Tài chính tập huấn.",
     "2015-04-08", "08:11", "Thứ Tư, 08/04/2015, 08:11 [GMT+7]"),
    ("Hội nghị sơ kết\nThứ năm, 22/10/2020 - 09:15\nSáng 21/10, HĐND huyện khai mạc kỳ họp.",
     "2020-10-22", "09:15", "Thứ năm, 22/10/2020 - 09:15"),
    ("Tiếp xúc cử tri\nCập nhật ngày: 21/11/2024\nChiều 20/11, đại biểu tiếp xúc cử tri.",
     "2024-11-21", None, "21/11/2024"),
    ("Tiếp xúc cử tri\nNgày đăng: 05/10/2023 14:20\nSáng 4/10, đại biểu tiếp xúc cử tri.",
     "2023-10-05", "14:20", "05/10/2023 14:20"),
    ("Phòng chống dịch\nChiều 20/11, Sở Y tế kiểm tra.\n\nBài: Minh Anh\nCập nhật ngày: 21/11/2024",
     "2024-11-21", None, "21/11/2024"),
    # a list bullet before the timestamp line (video and news-list pages)
    ("• Đẩy nhanh giải ngân vốn\n  • 09/06/2022 16:40\n  • Sáng 8/6, UBND tỉnh họp với các chủ đầu tư.",
     "2022-06-09", "16:40", "09/06/2022 16:40"),
])
def test_published_from_dateline(nlp, text, published, time, dateline):
    from extractor.api import Article, process

    res = process(Article(text=text), nlp)
    assert res.meta["published"] == published
    assert res.meta.get("published_time") == time
    assert [d["text"] for d in res.to_dict()["dates"] if d["rule"] == "date.dateline"] == [dateline]


def test_given_published_wins_over_dateline(run):
    out = run("Tin huyện\n15/10/2020 08:00\nNgày 14/10, huyện họp.", published="16/10/2020")
    assert out["published"] == "2020-10-16"


def test_unreadable_published_is_not_passed_off_as_a_date(nlp):
    from extractor.api import Article, process

    res = process(Article(text="Ngày 14/10, huyện họp.", published="không rõ"), nlp)
    assert res.meta["published"] is None and res.meta["published_raw"] == "không rõ"
    assert res.to_dict()["dates"][0]["value"] == "XXXX-10-14"


def test_title_without_dateline_sets_nothing(run):
    out = run("Ngày 14/10/2020, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết.")
    assert out["published"] is None


# --- properties --------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.sampled_from(["/", "-", "."]), st.booleans())
def test_any_written_date_reads_back(run, day, sep, padded):
    fmt = "%02d" if padded else "%d"
    written = sep.join([fmt % day.day, fmt % day.month, str(day.year)])
    out = run(f"Ngày {written}, UBND huyện tổ chức hội nghị.")
    assert _dates(out) == [(f"Ngày {written}", day.isoformat())]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 31), st.integers(1, 12), st.sampled_from(["%", " trường", " xã", " tỷ đồng", " hộ"]))
def test_numbers_with_units_are_never_dates(run, a, b, unit):
    out = run(f"Huyện đạt {a},{b}{unit} và {a}/{b}{unit} trong kỳ.", published="2020-10-15")
    assert out["dates"] == []


# --- the examples in rules/dates.yaml ------------------------------------------------------
def _rule_examples():
    data = yaml.safe_load((shipped_rules_dir() / "dates.yaml").read_text(encoding="utf-8"))
    for section, body in data.items():
        if isinstance(body, dict):
            for i, ex in enumerate(body.get("examples") or []):
                yield pytest.param(ex, id=f"{section}-{i}")


@pytest.mark.parametrize("example", list(_rule_examples()))
def test_rule_examples(run, example):
    out = run(example["text"], published=example.get("published"))
    if "dates" in example:
        assert _dates(out) == [(d["text"], d["value"]) for d in example["dates"]]
    if "periods" in example:
        assert _periods(out) == [(p["text"], p["start"], p["end"]) for p in example["periods"]]
