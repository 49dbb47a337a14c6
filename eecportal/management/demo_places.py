"""Demo content of the spatial and coordination sections: a catalog of EEC datasets with a
layer of each geometry kind, and a committee's meetings with agenda, decisions, adopted
minutes and action items. Places are approximate, for demonstration."""

from datetime import date

# slug, Thai title, English title, category, Thai description, English description, keywords
DATASETS = [
    (
        "eec-ports-airports", "ท่าเรือและท่าอากาศยานในพื้นที่อีอีซี", "Ports and airports in the EEC",
        "infrastructure",
        "ตำแหน่งท่าเรือน้ำลึกและท่าอากาศยานหลักในจังหวัดชลบุรีและระยอง",
        "Deep-sea ports and the main airport in Chon Buri and Rayong.",
        ["ท่าเรือ", "ท่าอากาศยาน", "EEC"],
    ),
    (
        "eec-high-speed-rail", "แนวเส้นทางรถไฟความเร็วสูงเชื่อมสามสนามบิน",
        "High-speed rail linking three airports", "infrastructure",
        "แนวเส้นทางโดยประมาณของรถไฟความเร็วสูงดอนเมือง–สุวรรณภูมิ–อู่ตะเภา",
        "Approximate alignment of the Don Mueang–Suvarnabhumi–U-Tapao high-speed rail.",
        ["รถไฟความเร็วสูง", "คมนาคม", "EEC"],
    ),
    (
        "eec-promotion-zones", "เขตส่งเสริมเศรษฐกิจพิเศษ", "Special economic promotion zones",
        "industry",
        "ขอบเขตโดยประมาณของเขตนวัตกรรมระเบียงเศรษฐกิจพิเศษภาคตะวันออก (EECi) "
        "และเขตส่งเสริมอุตสาหกรรมและนวัตกรรมดิจิทัล (EECd)",
        "Approximate boundaries of the EEC innovation zone (EECi) and the digital park (EECd).",
        ["เขตส่งเสริม", "EECi", "EECd"],
    ),
]  # fmt: skip

# What stewards filled in beyond the basics, so the catalog shows a range of quality grades.
DATASET_DETAILS = {
    "eec-high-speed-rail": {
        "objective_th": "ใช้วางแผนการใช้ที่ดินและโครงการของท้องถิ่นตามแนวเส้นทาง",
        "objective_en": "For planning land use and local projects along the alignment.",
        "languages": ["th", "en"], "geographic_data_set": "transport",
        "equivalent_scale": "1:50,000", "positional_accuracy": "±25 m",
        "reference_period": "2569", "temporal_start": date(2026, 1, 1),
        "release_date": date(2026, 3, 1),
    },
    "eec-ports-airports": {"languages": ["th", "en"], "geographic_data_set": "transport"},
}  # fmt: skip

# What each kind of feature is called, and the labels of the layers' attributes (Thai, English).
KINDS = {"port": ("ท่าเรือ", "Port"), "airport": ("ท่าอากาศยาน", "Airport"),
         "rail": ("รถไฟความเร็วสูง", "High-speed rail"), "EECi": ("เขตนวัตกรรม", "Innovation zone"),
         "EECd": ("เขตส่งเสริมดิจิทัล", "Digital promotion zone")}  # fmt: skip
ATTRIBUTE_LABELS = {"name_th": ("ชื่อ", "Name"), "name_en": ("ชื่อ", "Name"),
                    "kind_th": ("ประเภท", "Kind"), "kind_en": ("ประเภท", "Kind")}  # fmt: skip

# dataset slug -> GeoJSON features (properties: name_th, name_en, kind_th, kind_en)
FEATURES = {
    "eec-ports-airports": [
        ("Point", [100.8847, 13.0833], "ท่าเรือแหลมฉบัง", "Laem Chabang Port", "port"),
        ("Point", [101.1617, 12.6722], "ท่าเรืออุตสาหกรรมมาบตาพุด", "Map Ta Phut Industrial Port",
         "port"),
        ("Point", [100.9167, 12.6667], "ท่าเรือจุกเสม็ด สัตหีบ", "Chuk Samet Port, Sattahip",
         "port"),
        ("Point", [101.0050, 12.6799], "ท่าอากาศยานนานาชาติอู่ตะเภา",
         "U-Tapao International Airport", "airport"),
    ],
    "eec-high-speed-rail": [
        ("LineString", [[100.6071, 13.9126], [100.7501, 13.6900], [101.0700, 13.6900],
                        [100.9800, 13.3600], [100.9300, 13.1700], [100.8800, 12.9300],
                        [101.0050, 12.6799]],
         "รถไฟความเร็วสูงเชื่อมสามสนามบิน", "High-speed rail linking three airports", "rail"),
    ],
    "eec-promotion-zones": [
        ("Polygon", [[[101.42, 12.93], [101.50, 12.93], [101.50, 12.99], [101.42, 12.99],
                      [101.42, 12.93]]],
         "เขตนวัตกรรมระเบียงเศรษฐกิจพิเศษภาคตะวันออก (วังจันทร์วัลเลย์)",
         "EEC innovation zone (Wangchan Valley)", "EECi"),
        ("Polygon", [[[100.93, 13.07], [100.98, 13.07], [100.98, 13.11], [100.93, 13.11],
                      [100.93, 13.07]]],
         "เขตส่งเสริมอุตสาหกรรมและนวัตกรรมดิจิทัล (ศรีราชา)",
         "Digital park (Si Racha)", "EECd"),
    ],
}  # fmt: skip

SERIES = (
    "eec-chonburi-committee",
    "คณะกรรมการประสานงานการพัฒนาพื้นที่อีอีซี จังหวัดชลบุรี",
    "Chon Buri EEC development coordination committee",
    "pao-chonburi",
)

# Who signs each demo meeting's minutes (fictitious staff of the division).
MINUTES_SIGNATORIES = {
    "recorded_by_th": "นางสาวกมลวรรณ รักษ์ถิ่น นักวิเคราะห์นโยบายและแผนชำนาญการ",
    "recorded_by_en": "Ms Kamonwan Rakthin, Policy and Plan Analyst",
    "checked_by_th": "นายธนากร ศรีประเสริฐ ผู้อำนวยการกองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก",
    "checked_by_en": "Mr Thanakorn Sriprasert, Director of the EEC Support Division",
}

# number, BE year, day, Thai title, English title, place (th, en), point, minutes status,
# agenda [(number, title th, title en, decision th, decision en)], minutes (th, en),
# actions [(description th, description en, agency slug, due, status)]
MEETINGS = [
    (
        1, 2569, date(2025, 12, 17),
        "การประชุมคณะกรรมการประสานงานการพัฒนาพื้นที่อีอีซี จังหวัดชลบุรี ครั้งที่ 1/2569",
        "Chon Buri EEC coordination committee, meeting 1/2569",
        ("ห้องประชุมองค์การบริหารส่วนจังหวัดชลบุรี", "Chon Buri PAO meeting room"),
        (100.9847, 13.3611), "adopted",
        [
            ("1", "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "Announcements by the chair",
             "ที่ประชุมรับทราบ", "Noted."),
            ("2", "ความคืบหน้าโครงการถนนเชื่อมท่าเรือแหลมฉบัง",
             "Progress of the Laem Chabang port access road",
             "ที่ประชุมมอบหมายให้กรมทางหลวงชนบทรายงานแผนการก่อสร้างในการประชุมครั้งถัดไป",
             "The Department of Rural Roads is to report its construction plan next time."),
            ("3", "การแลกเปลี่ยนข้อมูลผังเมืองรวมจังหวัดชลบุรี",
             "Exchange of Chon Buri town-plan data",
             "ที่ประชุมเห็นชอบให้จัดทำบันทึกข้อตกลงการแลกเปลี่ยนข้อมูล",
             "Agreed to prepare a data-exchange agreement."),
        ],
        ("ที่ประชุมรับทราบความคืบหน้าและมอบหมายงานตามวาระ เลิกประชุมเวลา 12.00 น.",
         "The committee noted progress and assigned tasks. Closed at 12:00."),
        [
            ("จัดทำร่างบันทึกข้อตกลงการแลกเปลี่ยนข้อมูลผังเมือง",
             "Draft the town-plan data-exchange agreement", "dpt-chonburi", date(2026, 2, 28),
             "done"),
            ("รายงานแผนการก่อสร้างถนนเชื่อมท่าเรือแหลมฉบัง",
             "Report the construction plan of the port access road", "pao-chonburi",
             date(2026, 3, 31), "in_progress"),
        ],
    ),
    (
        2, 2569, date(2026, 4, 22),
        "การประชุมคณะกรรมการประสานงานการพัฒนาพื้นที่อีอีซี จังหวัดชลบุรี ครั้งที่ 2/2569",
        "Chon Buri EEC coordination committee, meeting 2/2569",
        ("ศาลากลางจังหวัดชลบุรี", "Chon Buri provincial hall"),
        (100.9860, 13.3640), "circulated",
        [
            ("1", "รับรองรายงานการประชุมครั้งที่ 1/2569", "Adoption of the minutes of 1/2569",
             "ที่ประชุมรับรองรายงานการประชุม", "Minutes adopted."),
            ("2", "แผนการจัดการน้ำในพื้นที่อีอีซี", "Water management in the EEC",
             "ที่ประชุมมอบหมายให้จัดทำข้อมูลแหล่งน้ำร่วมกัน",
             "Agencies are to compile water-source data together."),
        ],
        ("ร่างรายงานการประชุมอยู่ระหว่างเวียนให้กรรมการตรวจ",
         "Draft minutes are being circulated to members."),
        [
            ("รวบรวมข้อมูลแหล่งน้ำดิบในจังหวัดชลบุรี", "Compile raw-water source data for Chon Buri",
             "pao-chonburi", date(2026, 7, 31), "open"),
        ],
    ),
    (
        3, 2569, date(2027, 1, 20),
        "การประชุมคณะกรรมการประสานงานการพัฒนาพื้นที่อีอีซี จังหวัดชลบุรี ครั้งที่ 3/2569",
        "Chon Buri EEC coordination committee, meeting 3/2569",
        ("ห้องประชุมองค์การบริหารส่วนจังหวัดชลบุรี", "Chon Buri PAO meeting room"),
        (100.9847, 13.3611), "draft",
        [
            ("1", "รับรองรายงานการประชุมครั้งที่ 2/2569", "Adoption of the minutes of 2/2569",
             "", ""),
            ("2", "ติดตามงานที่มอบหมาย", "Follow-up of assigned tasks", "", ""),
        ],
        ("", ""),
        [],
    ),
]  # fmt: skip
