"""tests/heldout12 (a blind set, measured once at 833f065): Outlook rules' absence answers in
Icelandic, Hebrew and Vietnamese, without any marker header, were answered. Written here in
other words; beside them people who write the same sentences in a mail of their own."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "Icelandic: 'Sjálfvirkt svar:', on holiday, write to the office": mail(
        "jon@ferdir.example", "Sjálfvirkt svar: Re: Vefþjónn",
        "Góðan dag,\n\nég er í fríi til 3. janúar og les ekki póst.\n"
        "Vinsamlegast skrifið á skrifstofa@ferdir.example.\n\nKveðja,\nJón\n", name="Jón Jónsson"),
    "Hebrew: 'תשובה אוטומטית:', out of the office, for urgent matters call": mail(
        "dana@studio.example", "תשובה אוטומטית: RE: דומיין",
        "שלום,\n\nאני מחוץ למשרד עד יום חמישי.\nלעניינים דחופים נא להתקשר למשרד.\n\nדנה\n",
        name="Dana Cohen"),
    "Vietnamese: 'Trả lời tự động:', on leave, if urgent contact": mail(
        "lan@banhang.example", "Trả lời tự động: Re: Hóa đơn",
        "Xin chào,\n\nTôi đang nghỉ phép đến ngày 5/1 và sẽ trả lời khi quay lại.\n"
        "Nếu cần gấp, vui lòng liên hệ: office@banhang.example\n\nTrân trọng,\nLan\n",
        name="Tran Thi Lan"),
}

PEOPLE = {
    "an Icelandic customer going on holiday, asking first": mail(
        "jon@ferdir.example", "Lén ferdir.example",
        "Góðan dag,\n\nég er í fríi frá föstudegi. Getið þið endurnýjað lénið fyrir þann tíma?\n\n"
        "Kveðja,\nJón\n", name="Jón Jónsson"),
    "a Hebrew customer out of the office, asking about the certificate": mail(
        "dana@studio.example", "תעודת SSL",
        "שלום,\n\nאני מחוץ למשרד השבוע. האם תוכלו לחדש את התעודה עד יום ראשון?\n\nדנה\n",
        name="Dana Cohen"),
    "a Vietnamese customer on leave, asking to move the server first": mail(
        "lan@banhang.example", "Chuyển máy chủ",
        "Xin chào,\n\nTôi đang nghỉ phép từ tuần sau. Anh có thể chuyển máy chủ trước thứ Sáu "
        "không?\n\nTrân trọng,\nLan\n", name="Tran Thi Lan"),
}


test_the_absence_answer_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
