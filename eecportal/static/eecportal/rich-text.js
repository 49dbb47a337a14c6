/* The admin's rich-text editor (Trix): headings as h2 (the page has its own h1), toolbar in
   the page's language, and no pasted or dropped files: images and documents go through the
   item's own upload fields, which check them. */
(function () {
  "use strict";
  if (!window.Trix) { return; }
  Trix.config.blockAttributes.heading1.tagName = "h2";
  var thai = {
    bold: "ตัวหนา", italic: "ตัวเอียง", strike: "ขีดฆ่า", link: "ลิงก์", heading1: "หัวข้อ",
    quote: "ข้อความอ้างอิง", code: "โค้ด", bullets: "รายการสัญลักษณ์", numbers: "รายการลำดับเลข",
    outdent: "ลดการเยื้อง", indent: "เพิ่มการเยื้อง", undo: "เลิกทำ", redo: "ทำซ้ำ",
    url: "ที่อยู่เว็บ", urlPlaceholder: "ใส่ที่อยู่เว็บ…", unlink: "เลิกลิงก์", remove: "ลบ",
    attachFiles: "แนบไฟล์", captionPlaceholder: "เพิ่มคำบรรยาย…"
  };
  if ((document.documentElement.lang || "").slice(0, 2) === "th") {
    Object.assign(Trix.config.lang, thai);
  }
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
}());
