"""Project sheets as agencies in Chon Buri and Rayong send them, written by hand for the tests
(not by the benchmark's generator): the local plan's forms (ผ.02, ผ.02/1, ผ.02/2, ผ.03) with
their title rows, headings over two merged rows and section rows; a planning system's CSV
export in Windows Thai; a provincial office's consolidation in English with Christian-era
years. Their words, digits and slips are the agencies': sectors such as ถนน or ประปา, อ./ต.
prefixes, ไผ written ไพ, Thai digits, amounts in millions, "-" for no budget.

`DUPLICATES` labels, by hand, the pairs of rows that are one piece of work planned twice;
every other pair of rows is labelled as not the same project."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment

# The agencies the sheets come from or name, as the portal registers them.
AGENCIES = [
    ("pao-chonburi", "องค์การบริหารส่วนจังหวัดชลบุรี", "Chon Buri PAO", "อบจ.ชลบุรี", "TH-20"),
    ("pao-rayong", "องค์การบริหารส่วนจังหวัดระยอง", "Rayong PAO", "อบจ.ระยอง", "TH-21"),
    ("ban-bueng", "เทศบาลเมืองบ้านบึง", "Ban Bueng Town Municipality", "ทม.บ้านบึง", "TH-20"),
    ("nong-chak", "องค์การบริหารส่วนตำบลหนองชาก", "Nong Chak SAO", "อบต.หนองชาก", "TH-20"),
    ("nong-phai-kaeo", "เทศบาลตำบลหนองไผ่แก้ว", "Nong Phai Kaeo Subdistrict Municipality",
     "ทต.หนองไผ่แก้ว", "TH-20"),
    ("khlong-kio", "องค์การบริหารส่วนตำบลคลองกิ่ว", "Khlong Kio SAO", "อบต.คลองกิ่ว", "TH-20"),
    ("ban-chang", "เทศบาลตำบลบ้านฉาง", "Ban Chang Subdistrict Municipality", "ทต.บ้านฉาง",
     "TH-21"),
    ("rural-roads-chonburi", "แขวงทางหลวงชนบทชลบุรี", "Chon Buri Rural Roads Office",
     "ทช.ชลบุรี", "TH-20"),
    ("pwa-ban-bueng", "การประปาส่วนภูมิภาคสาขาบ้านบึง", "PWA Ban Bueng Branch",
     "กปภ.สาขาบ้านบึง", "TH-20"),
]  # fmt: skip


def _xlsx(rows: list[list], merges: list[str] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


# 1. ผ.02 of อบต.หนองชาก: the form's title rows, headings over two merged rows, a section row
# per programme, the division in charge (กองช่าง) instead of an agency, a total row.
P02_NONG_CHAK = [
    ["แบบ ผ.02"],
    ["รายละเอียดโครงการพัฒนา"],
    ["แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)"],
    ["สำหรับ องค์การบริหารส่วนตำบลหนองชาก อำเภอบ้านบึง จังหวัดชลบุรี"],
    ["ก. ยุทธศาสตร์จังหวัดที่ 4 การพัฒนาโครงสร้างพื้นฐานรองรับเขตพัฒนาพิเศษภาคตะวันออก"],
    ["1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"],
    ["1.1 แผนงานอุตสาหกรรมและการโยธา"],
    ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย\n(ผลผลิตของโครงการ)", "งบประมาณ", None, None,
     None, None, "ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก"],
    [None, None, None, None, "2566\n(บาท)", "2567\n(บาท)", "2568\n(บาท)", "2569\n(บาท)",
     "2570\n(บาท)", None, None, None],
    [1, "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก\nสายบ้านหนองชาก ซอย 5 หมู่ที่ 3",
     "เพื่อให้ประชาชนสัญจรไปมาสะดวก", "ถนน คสล. กว้าง 5 เมตร ยาว 450 เมตร", "-", "-",
     "1,250,000", "-", "-", "ร้อยละของประชาชนที่ใช้เส้นทาง", "ประชาชนสัญจรสะดวก", "กองช่าง"],
    [2, "โครงการวางท่อระบายน้ำ คสล. พร้อมบ่อพัก หมู่ที่ 6 บ้านหนองกะขะ",
     "เพื่อแก้ไขปัญหาน้ำท่วมขัง", "ท่อ คสล. Ø 0.60 เมตร ยาว 320 เมตร", "-", "-",
     "๘๔๐,๐๐๐", "-", "-", "น้ำไม่ท่วมขัง", "ลดปัญหาน้ำท่วม", "กองช่าง"],
    [3, "โครงการขยายเขตไฟฟ้าส่องสว่างสาธารณะ หมู่ที่ 2", "เพื่อความปลอดภัยในชีวิตและทรัพย์สิน",
     "โคมไฟ LED 40 ต้น", "-", "350,000", "-", "350,000", "-", "จำนวนจุดที่ติดตั้ง",
     "ลดอุบัติเหตุและอาชญากรรม", "กองช่าง"],
    [4, "ก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต สายหนองชาก - มาบไผ่ หมู่ที่ 4",
     "เพื่อเชื่อมการคมนาคมระหว่างตำบล", "ถนนกว้าง 6 เมตร ยาว 2,100 เมตร", "-", "-", "-",
     "๔,๒๐๐,๐๐๐", "-", "ระยะทางที่ก่อสร้าง", "การคมนาคมสะดวก", "กองช่าง"],
    ["1.2 แผนงานเคหะและชุมชน"],
    [5, "โครงการก่อสร้างรางระบายน้ำ คสล. ซอยวัดหนองชาก หมู่ที่ 1",
     "เพื่อระบายน้ำในชุมชน", "รางระบายน้ำยาว 210 เมตร", "-", "-", "560,000", "-", "-",
     "น้ำไม่ท่วมขัง", "ชุมชนไม่มีน้ำขัง", "กองช่าง"],
    [6, "โครงการจัดซื้อถังขยะแยกประเภท หมู่ที่ 1 - 7", "เพื่อส่งเสริมการคัดแยกขยะ",
     "ถังขยะ 140 ใบ", "-", "-", "98,000", "98,000", "-", "ปริมาณขยะลดลง",
     "ชุมชนสะอาด", "สำนักปลัด"],
    [None, "รวม 6 โครงการ", None, None, "-", "350,000", "2,748,000", "4,648,000", "-", None,
     None, None],
]  # fmt: skip
P02_NONG_CHAK_MERGES = ["E8:I8", "A8:A9", "B8:B9", "C8:C9", "D8:D9", "J8:J9", "K8:K9", "L8:L9"]

# 2. ผ.02/2 of ทม.บ้านบึง: projects it asks other agencies to carry out; amounts in millions,
# the responsible agency by abbreviation, village as "ม.3".
P02_2_BAN_BUENG = [
    ["แบบ ผ.02/2"],
    ["รายละเอียดโครงการพัฒนา สำหรับประสานโครงการพัฒนาจังหวัด/องค์การบริหารส่วนจังหวัด"],
    ["เทศบาลเมืองบ้านบึง อ.บ้านบึง จ.ชลบุรี"],
    ["ที่", "ชื่อโครงการ", "วัตถุประสงค์", "เป้าหมาย", "ปี 2568 (ล้านบาท)", "ปี 2569 (ล้านบาท)",
     "ปี 2570 (ล้านบาท)", "ตำบล", "หมู่ที่", "หน่วยงานรับผิดชอบ"],
    [1, "ก่อสร้างถนน คสล. สายบ้านหนองชาก ซ.5 ม.3 ต.หนองชาก", "เพื่อการสัญจรของประชาชน",
     "กว้าง 5 ม. ยาว 450 ม.", "1.3", "-", "-", "ต.หนองชาก", "ม.3", "อบจ.ชลบุรี"],
    [2, "ปรับปรุงถนนลาดยาง สายหนองชาก-มาบไผ่", "เพื่อเชื่อมโยงการคมนาคม",
     "ระยะทาง 2.1 กม.", "-", "4.5", "-", "หนองชาก", "4", "ทช.ชลบุรี"],
    [3, "ขยายเขตประปาส่วนภูมิภาค ถนนสายบ้านบึง-หนองอิรุณ", "เพื่อให้ประชาชนมีน้ำประปาใช้",
     "ท่อ HDPE ยาว 3,500 เมตร", "-", "6.8", "-", "ต.หนองอิรุณ", "-", "กปภ.สาขาบ้านบึง"],
    [4, "ก่อสร้างสะพาน คสล. ข้ามคลองหลวง ม.5 ต.คลองกิ่ว", "เพื่อเชื่อมการคมนาคมข้ามคลอง",
     "สะพานกว้าง 7 ม. ยาว 24 ม.", "2.5", "-", "-", "คลองกิ่ว", "5", "อบจ.ชลบุรี"],
    [5, "ก่อสร้างระบบระบายน้ำ ถนนสายบ้านบึง-แกลง (ช่วงตลาดบ้านบึง)",
     "เพื่อแก้ปัญหาน้ำท่วมในเขตเทศบาล", "ท่อระบายน้ำยาว 1,200 ม.", "-", "-", "12.0",
     "บ้านบึง", "-", "อบจ.ชลบุรี"],
    [6, "ติดตั้งกล้องวงจรปิด CCTV จุดเสี่ยง ม.6 ต.หนองไผ่แก้ว", "เพื่อความปลอดภัย",
     "กล้อง 16 ตัว", "0.64", "-", "-", "หนองไพแก้ว", "6", "อบจ.ชลบุรี"],
]  # fmt: skip

# 3. The PAO's planning-system export: CSV in Windows Thai (cp874), codes, sectors in its own
# words, อ./ต. prefixes, amounts in baht with commas, Thai digits now and then.
PAO_EXPORT = [
    ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "จังหวัด", "อำเภอ", "ตำบล", "หมู่ที่", "ด้าน",
     "งบประมาณ 2568", "งบประมาณ 2569", "งบประมาณ 2570", "ละติจูด", "ลองจิจูด"],
    ["PAO-68-0112", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 บ้านหนองชาก หมู่ 3 ตำบลหนองชาก",
     "อบจ.ชลบุรี", "ชลบุรี", "อ.บ้านบึง", "ต.หนองชาก", "3", "ถนน", "1,280,000", "", "",
     "13.2841", "101.1205"],
    ["PAO-68-0113", "ก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามคลองหลวง หมู่ 5 ตำบลคลองกิ่ว",
     "อบจ.ชลบุรี", "ชลบุรี", "อ.บ้านบึง", "ต.คลองกิ่ว", "5", "ถนน", "2,450,000", "", "",
     "13.3392", "101.0487"],
    ["PAO-69-0007", "ก่อสร้างระบบระบายน้ำถนนสายบ้านบึง-แกลง ช่วงตลาดบ้านบึง",
     "อบจ.ชลบุรี", "ชลบุรี", "อ.บ้านบึง", "ต.บ้านบึง", "", "ระบายน้ำ", "", "",
     "11,900,000", "", ""],
    ["PAO-69-0021", "ติดตั้งกล้องโทรทัศน์วงจรปิด (CCTV) บริเวณจุดเสี่ยง หมู่ 6 ตำบลหนองไผ่แก้ว",
     "อบจ.ชลบุรี", "ชลบุรี", "อ.บ้านบึง", "ต.หนองไผ่แก้ว", "6", "ความปลอดภัย", "๖๔๐,๐๐๐",
     "", "", "", ""],
    ["PAO-69-0030", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 9 หมู่ 3 ตำบลหนองชาก", "อบจ.ชลบุรี",
     "ชลบุรี", "อ.บ้านบึง", "ต.หนองชาก", "3", "ถนน", "", "980,000", "", "", ""],
    ["PAO-69-0031", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 หมู่ 8 ตำบลหนองบอนแดง",
     "อบจ.ชลบุรี", "ชลบุรี", "อ.บ้านบึง", "ต.หนองบอนแดง", "8", "ถนน", "", "1,300,000", "",
     "", ""],
    ["PAO-69-0044", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 บ้านหนองชาก หมู่ 3 ตำบลหนองชาก",
     "อบจ.ระยอง", "ระยอง", "อ.บ้านฉาง", "ต.บ้านฉาง", "3", "ถนน", "", "1,250,000", "", "", ""],
    ["PAO-69-0050", "ส่งเสริมการท่องเที่ยวชุมชนตลาดน้ำบ้านบึง", "อบจ.ชลบุรี", "ชลบุรี",
     "อ.บ้านบึง", "ต.บ้านบึง", "", "ท่องเที่ยว", "", "500,000", "500,000", "", ""],
    ["PAO-69-0051", "ฝึกอบรมอาชีพแรงงานนอกระบบ รองรับอุตสาหกรรม EEC", "อบจ.ชลบุรี", "ชลบุรี",
     "อ.บ้านบึง", "", "", "แรงงาน", "", "300,000", "", "", ""],
    ["PAO-69-0052", "จัดหาเครื่องบดย่อยกิ่งไม้และขยะอินทรีย์", "อบจ.ชลบุรี", "ชลบุรี",
     "อ.บ้านบึง", "ต.มาบไผ่", "", "ขยะ", "", "450,000", "", "", ""],
    ["PAO-70-0003", "ขยายเขตระบบประปา ถนนบ้านบึง - หนองอิรุณ ระยะทาง 3.5 กม.", "อบจ.ชลบุรี",
     "ชลบุรี", "อ.บ้านบึง", "ต.หนองอิรุณ", "", "ประปา", "", "", "6,750,000", "", ""],
]  # fmt: skip

# 4. The provincial office's consolidation of several agencies, in English with
# Christian-era fiscal years, places in either script, agencies by abbreviation.
PROVINCIAL_CONSOLIDATION = [
    ["Consolidated local projects requesting PAO support, FY2025-2027"],
    ["Prepared by the Provincial Office, as of 15 Aug 2025"],
    [],
    ["No.", "Project", "Agency", "Province", "District", "Sub-district", "Sector",
     "FY2025", "FY2026", "FY2027"],
    [1, "Concrete road Soi 5 Ban Nong Chak Moo 3 (ถนน คสล. ซอย 5 ม.3)", "อบต.หนองชาก",
     "Chonburi", "Ban Bueng", "Nong Chak", "Roads", "1,250,000", "", ""],
    [2, "ก่อสร้างสะพาน คสล. ข้ามคลองหลวง หมู่ที่ 5", "อบต.คลองกิ่ว", "ชลบุรี", "Ban Bueng",
     "Khlong Kio", "Roads", "2,400,000", "", ""],
    [3, "ปรับปรุงภูมิทัศน์ชายหาดพลา", "ทต.บ้านฉาง", "จ.ระยอง", "Ban Chang", "Phla",
     "Tourism", "", "3,000,000", ""],
    [4, "ก่อสร้างเขื่อนป้องกันตลิ่งพัง ชายฝั่งบ้านฉาง หมู่ 2", "ทต.บ้านฉาง", "Rayong",
     "อำเภอบ้านฉาง", "บ้านฉาง", "Water", "", "", "15,000,000"],
    [5, "ก่อสร้างเขื่อนป้องกันตลิ่งพัง ชายฝั่งบ้านฉาง หมู่ 4", "อบจ.ระยอง", "Rayong",
     "Ban Chang", "Ban Chang", "Water", "", "", "14,500,000"],
    [6, "ขุดลอกคลองหนองปลาไหล หมู่ 7", "อบต.คลองกิ่ว", "Chon Buri", "Ban Bueng",
     "Khlong Kio", "Water", "", "900,000", ""],
    [7, "ก่อสร้างถนนลาดยาง สายหนองชาก-มาบไผ่ (ต่อเนื่อง)", "ทช.ชลบุรี", "Chon Buri",
     "Ban Bueng", "Nong Chak", "Roads", "", "4,300,000", ""],
    [8, "Street lights Moo 2 Nong Chak (ไฟฟ้าส่องสว่าง ม.2)", "อบต.หนองชาก", "Chonburi",
     "Ban Bueng", "Nong Chak", "Energy", "350,000", "", "350,000"],
]  # fmt: skip

# 5. ผ.03 of ทต.หนองไผ่แก้ว: equipment, described under เป้าหมาย (ผลผลิตของครุภัณฑ์).
P03_NONG_PHAI_KAEO = [
    ["บัญชีครุภัณฑ์", None, None, None, None, None, None, None, None, None, "แบบ ผ.03"],
    ["แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) เทศบาลตำบลหนองไผ่แก้ว อำเภอบ้านบึง จังหวัดชลบุรี"],
    ["ที่", "แผนงาน", "หมวด", "ประเภท", "เป้าหมาย (ผลผลิตของครุภัณฑ์)", "งบประมาณ", None,
     None, None, None, "หน่วยงานรับผิดชอบหลัก"],
    [None, None, None, None, None, "2566 (บาท)", "2567 (บาท)", "2568 (บาท)", "2569 (บาท)",
     "2570 (บาท)", None],
    [1, "แผนงานเคหะและชุมชน", "ค่าครุภัณฑ์", "ครุภัณฑ์ยานพาหนะและขนส่ง",
     "จัดซื้อรถบรรทุกขยะ ขนาด 6 ตัน แบบอัดท้าย จำนวน 1 คัน", "-", "-", "2,500,000", "-", "-",
     "กองสาธารณสุขและสิ่งแวดล้อม"],
    [2, "แผนงานการรักษาความสงบภายใน", "ค่าครุภัณฑ์", "ครุภัณฑ์ไฟฟ้าและวิทยุ",
     "จัดซื้อกล้องโทรทัศน์วงจรปิด พร้อมติดตั้ง หมู่ที่ 6 จำนวน 16 ตัว", "-", "-", "-",
     "๖๕๐,๐๐๐", "-", "สำนักปลัด"],
    [3, "แผนงานการศึกษา", "ค่าครุภัณฑ์", "ครุภัณฑ์คอมพิวเตอร์",
     "จัดซื้อเครื่องคอมพิวเตอร์สำหรับศูนย์พัฒนาเด็กเล็ก จำนวน 5 เครื่อง", "-", "110,000", "-",
     "-", "-", "กองการศึกษา"],
]  # fmt: skip
P03_MERGES = ["F3:J3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "K3:K4"]

# 6. ผ.02/1 of อบต.คลองกิ่ว (the community's own plan): UTF-8 CSV with a byte-order mark,
# "ม.๔" in Thai digits, "50,000.-" as people write amounts.
P02_1_KHLONG_KIO = [
    ["แบบ ผ.02/1 โครงการพัฒนาที่นำมาจากแผนชุมชน องค์การบริหารส่วนตำบลคลองกิ่ว"],
    ["ลำดับ", "ชื่อโครงการ/กิจกรรม", "หมู่ที่", "งบประมาณปี 2569", "งบประมาณปี 2570"],
    ["1", "ขุดลอกคลองหนองปลาไหล ม.7", "ม.๗", "900,000.-", "-"],
    ["2", "ก่อสร้างศาลาอเนกประสงค์ประจำหมู่บ้าน", "ม.๔", "450,000.-", "-"],
    ["3", "ซ่อมแซมถนนลูกรังสายบ้านคลองกิ่ว-บ้านหนองเหียง", "ม.๒", "-", "180,000.-"],
    ["4", "ฝึกอบรมอาชีพการทำขนมไทยกลุ่มแม่บ้าน", "ม.๔", "50,000.-", "50,000.-"],
]  # fmt: skip


def files() -> list[tuple[str, bytes, str | None]]:
    """(file name, content, slug of the agency chosen on upload or None) for each sheet."""
    return [
        ("ผ02-อบตหนองชาก.xlsx", _xlsx(P02_NONG_CHAK, P02_NONG_CHAK_MERGES), None),
        ("ผ02-2-ทมบ้านบึง.xlsx", _xlsx(P02_2_BAN_BUENG), None),
        ("pao-planning-export.csv", _csv(PAO_EXPORT, "cp874"), None),
        ("consolidated-fy2025-2027.xlsx", _xlsx(PROVINCIAL_CONSOLIDATION), None),
        ("ผ03-ทตหนองไผ่แก้ว.xlsx", _xlsx(P03_NONG_PHAI_KAEO, P03_MERGES), None),
        ("ผ02-1-คลองกิ่ว.csv", _csv(P02_1_KHLONG_KIO, "utf-8-sig"), "khlong-kio"),
    ]


# What an analyst answers for the values the sheets write in their own words (the mapping
# step), as (kind, value in the file) → meaning.
MAPPING = {
    ("sector", "ถนน"): "transport",
    ("sector", "Roads"): "transport",
    ("sector", "ระบายน้ำ"): "water",
    ("sector", "ประปา"): "water",
    ("sector", "Water"): "water",
    ("sector", "ความปลอดภัย"): "society",
    ("sector", "ท่องเที่ยว"): "tourism",
    ("sector", "Tourism"): "tourism",
    ("sector", "แรงงาน"): "economy",
    ("sector", "ขยะ"): "environment",
    ("sector", "Energy"): "",
    ("subdistrict", "หนองไพแก้ว"): "200208",
    # The agencies' programmes are not among the portal's plans: left empty.
    ("programme", "แผนงานอุตสาหกรรมและการโยธา"): "",
    ("programme", "แผนงานเคหะและชุมชน"): "",
    ("programme", "แผนงานการรักษาความสงบภายใน"): "",
    ("programme", "แผนงานการศึกษา"): "",
}

# Pairs of rows that are one piece of work (labelled by hand), by their titles.
DUPLICATES = [
    # The road of Soi 5, village 3, Nong Chak: in the SAO's plan, its request list, the
    # PAO's system and the provincial consolidation.
    ("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองชาก ซอย 5 หมู่ที่ 3",
     "ก่อสร้างถนน คสล. สายบ้านหนองชาก ซ.5 ม.3 ต.หนองชาก"),
    ("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองชาก ซอย 5 หมู่ที่ 3",
     "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 บ้านหนองชาก หมู่ 3 ตำบลหนองชาก"),
    ("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองชาก ซอย 5 หมู่ที่ 3",
     "Concrete road Soi 5 Ban Nong Chak Moo 3 (ถนน คสล. ซอย 5 ม.3)"),
    ("ก่อสร้างถนน คสล. สายบ้านหนองชาก ซ.5 ม.3 ต.หนองชาก",
     "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 บ้านหนองชาก หมู่ 3 ตำบลหนองชาก"),
    ("ก่อสร้างถนน คสล. สายบ้านหนองชาก ซ.5 ม.3 ต.หนองชาก",
     "Concrete road Soi 5 Ban Nong Chak Moo 3 (ถนน คสล. ซอย 5 ม.3)"),
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย 5 บ้านหนองชาก หมู่ 3 ตำบลหนองชาก",
     "Concrete road Soi 5 Ban Nong Chak Moo 3 (ถนน คสล. ซอย 5 ม.3)"),
    # The Nong Chak – Map Phai asphalt road.
    ("ก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต สายหนองชาก - มาบไผ่ หมู่ที่ 4",
     "ปรับปรุงถนนลาดยาง สายหนองชาก-มาบไผ่"),
    ("ก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต สายหนองชาก - มาบไผ่ หมู่ที่ 4",
     "ก่อสร้างถนนลาดยาง สายหนองชาก-มาบไผ่ (ต่อเนื่อง)"),
    ("ปรับปรุงถนนลาดยาง สายหนองชาก-มาบไผ่",
     "ก่อสร้างถนนลาดยาง สายหนองชาก-มาบไผ่ (ต่อเนื่อง)"),
    # The bridge over Khlong Luang, village 5, Khlong Kio.
    ("ก่อสร้างสะพาน คสล. ข้ามคลองหลวง ม.5 ต.คลองกิ่ว",
     "ก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามคลองหลวง หมู่ 5 ตำบลคลองกิ่ว"),
    ("ก่อสร้างสะพาน คสล. ข้ามคลองหลวง ม.5 ต.คลองกิ่ว",
     "ก่อสร้างสะพาน คสล. ข้ามคลองหลวง หมู่ที่ 5"),
    ("ก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามคลองหลวง หมู่ 5 ตำบลคลองกิ่ว",
     "ก่อสร้างสะพาน คสล. ข้ามคลองหลวง หมู่ที่ 5"),
    # Drainage along the Ban Bueng – Klaeng road at the market.
    ("ก่อสร้างระบบระบายน้ำ ถนนสายบ้านบึง-แกลง (ช่วงตลาดบ้านบึง)",
     "ก่อสร้างระบบระบายน้ำถนนสายบ้านบึง-แกลง ช่วงตลาดบ้านบึง"),
    # CCTV at the risk points of village 6, Nong Phai Kaeo (requested, in the PAO's system,
    # and bought by the municipality itself).
    ("ติดตั้งกล้องวงจรปิด CCTV จุดเสี่ยง ม.6 ต.หนองไผ่แก้ว",
     "ติดตั้งกล้องโทรทัศน์วงจรปิด (CCTV) บริเวณจุดเสี่ยง หมู่ 6 ตำบลหนองไผ่แก้ว"),
    ("ติดตั้งกล้องวงจรปิด CCTV จุดเสี่ยง ม.6 ต.หนองไผ่แก้ว",
     "จัดซื้อกล้องโทรทัศน์วงจรปิด พร้อมติดตั้ง หมู่ที่ 6 จำนวน 16 ตัว"),
    ("ติดตั้งกล้องโทรทัศน์วงจรปิด (CCTV) บริเวณจุดเสี่ยง หมู่ 6 ตำบลหนองไผ่แก้ว",
     "จัดซื้อกล้องโทรทัศน์วงจรปิด พร้อมติดตั้ง หมู่ที่ 6 จำนวน 16 ตัว"),
    # The water main Ban Bueng – Nong Irun.
    ("ขยายเขตประปาส่วนภูมิภาค ถนนสายบ้านบึง-หนองอิรุณ",
     "ขยายเขตระบบประปา ถนนบ้านบึง - หนองอิรุณ ระยะทาง 3.5 กม."),
    # Dredging Khlong Nong Pla Lai, village 7.
    ("ขุดลอกคลองหนองปลาไหล หมู่ 7", "ขุดลอกคลองหนองปลาไหล ม.7"),
    # Street lights, village 2, Nong Chak.
    ("โครงการขยายเขตไฟฟ้าส่องสว่างสาธารณะ หมู่ที่ 2",
     "Street lights Moo 2 Nong Chak (ไฟฟ้าส่องสว่าง ม.2)"),
]  # fmt: skip


KINDS = {"rural-roads-chonburi": "regional", "pwa-ban-bueng": "state_enterprise"}


def agencies_create() -> None:
    from divisions.coordination.models import Agency

    for slug, name_th, name_en, short_name_th, province in AGENCIES:
        Agency.objects.update_or_create(
            slug=slug,
            defaults={"name_th": name_th, "name": name_th, "name_en": name_en,
                      "short_name_th": short_name_th, "province": province,
                      "kind": KINDS.get(slug, Agency.Kind.LOCAL)},
        )  # fmt: skip


def sheets_import(mapping: dict | None = None) -> list:
    """Every sheet through the import service, with the analyst's mapping; the jobs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from divisions.coordination.models import Agency
    from divisions.planning.services import project_import_create, project_import_run

    jobs = []
    for name, content, slug in files():
        agency = Agency.objects.filter(slug=slug).first() if slug else None
        job = project_import_create(
            file=SimpleUploadedFile(name, content), agency=agency, queue=False
        )
        jobs.append(project_import_run(import_id=job.pk, mapping=MAPPING if mapping is None
                                       else mapping))  # fmt: skip
    return jobs


def duplicate_quality() -> dict:
    """Precision and recall of the duplicate finder over every pair of the sheets' projects
    (imported first), for the probable band and for probable and review together."""
    from divisions.planning.models import Project
    from divisions.planning.services import duplicates_find

    titles = dict(Project.objects.values_list("pk", "title_th"))
    truth = {frozenset(pair) for pair in DUPLICATES}
    assert all(title in titles.values() for pair in truth for title in pair), "unknown title"
    found = {frozenset((titles[c.first], titles[c.second])): c.band for c in duplicates_find()}
    figures = {"projects": len(titles), "pairs": len(titles) * (len(titles) - 1) // 2,
               "duplicates": len(truth)}  # fmt: skip
    for name, bands in (("probable", {"probable"}), ("probable+review", {"probable", "review"})):
        flagged = {pair for pair, band in found.items() if band in bands}
        correct = flagged & truth
        figures[name] = {
            "flagged": len(flagged),
            "precision": len(correct) / len(flagged) if flagged else 0.0,
            "recall": len(correct) / len(truth),
            "missed": sorted(" ↔ ".join(sorted(pair)) for pair in truth - flagged),
            "wrong": sorted(" ↔ ".join(sorted(pair)) for pair in flagged - truth),
        }
    return figures
