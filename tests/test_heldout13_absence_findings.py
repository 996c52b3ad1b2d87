"""tests/heldout13 (a blind set, measured once at c739964): absence answers without any marker
header were answered: Outlook rules in Albanian and Basque, a Galician filter reply, a Kazakh and
Russian one under a plain "Re:", a Swahili and English one under "RE:", and a German maternity
leave under "AW:". Written here in other words; beside them people who write the same sentences
in a mail of their own and ask something."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "Albanian: 'Përgjigje automatike:', out of the office, for urgent matters": mail(
        "dritan@ndertim.example", "Përgjigje automatike: RE: Domeni",
        "Përshëndetje,\n\nJam jashtë zyrës deri më 12 janar.\nPër çështje urgjente shkruani në "
        "zyra@ndertim.example.\n\nDritan\n", name="Dritan Kola"),
    "Basque: 'Erantzun automatikoa:', not in the office, urgent matters to an address": mail(
        "ane@kooperatiba.example", "Erantzun automatikoa: RE: Zerbitzaria",
        "Kaixo,\n\nUrtarrilaren 8ra arte ez nago bulegoan. Presazko gaietarako idatzi "
        "bulegoa@kooperatiba.example helbidera.\n\nAne\n", name="Ane Zubiri"),
    "Galician: on holiday, call for anything urgent": mail(
        "breixo@adega.example", "Resposta automática: Re: Certificado",
        "Ola,\n\nestou de vacacións ata o 9 de xaneiro.\nPara calquera urxencia chamade ao "
        "981 555 111.\n\nBreixo\n", name="Breixo Pena"),
    "Kazakh and Russian under a plain 'Re:': on holiday, answer after the return": mail(
        "dana.sultan@example.kz", "Re: Хостинг",
        "Сәлеметсіз бе!\n\nМен 20 қаңтарға дейін демалыстамын. Оралғаннан кейін жауап беремін.\n"
        "Я в отпуске до 20 января. Отвечу по возвращении.\n\nДана\n", name="Дана Султан"),
    "Swahili and English under 'RE:': thanks for the mail, out of the office, contact": mail(
        "baraka@tours.example", "RE: Domain transfer",
        "Habari,\n\nAsante kwa barua pepe yako. Niko nje ya ofisi hadi tarehe 10 Januari.\n"
        "Thank you for your email. I am out of the office until 10th January.\n"
        "For bookings please contact office@tours.example.\n\nBaraka\n", name="Baraka Otieno"),
    "German parental leave under 'AW:': not forwarded, turn to a colleague": mail(
        "s.meier@architekten.example", "AW: Postfach voll",
        "Guten Tag\n\nIch bin bis Ende Juni im Elternurlaub. Ihre Nachricht wird nicht "
        "weitergeleitet.\nBitte wenden Sie sich an Herrn Tobias Wyss (t.wyss@architekten.example)."
        "\n\nFreundliche Grüsse\nSandra Meier\n", name="Sandra Meier"),
}

PEOPLE = {
    "an Albanian customer out of the office who asks first": mail(
        "dritan@ndertim.example", "Domeni",
        "Përshëndetje,\n\nJam jashtë zyrës nga e hëna. A mund ta rinovoni domenin para "
        "kësaj?\n\nDritan\n", name="Dritan Kola"),
    "a Galician customer on holiday who asks for the move before": mail(
        "breixo@adega.example", "Re: Migración",
        "Ola,\n\nestou de vacacións dende o luns. Podedes facer a migración antes?\n\nBreixo\n",
        name="Breixo Pena"),
    "a Russian customer on holiday, the restart after the return": mail(
        "dana.sultan@example.kz", "Re: Перезагрузка",
        "Здравствуйте!\n\nЯ в отпуске до 20 января. Перезагрузите сервер, пожалуйста, по "
        "возвращении.\n\nДана\n", name="Дана Султан"),
    "a German customer going on parental leave, asks to move the mailbox": mail(
        "s.meier@architekten.example", "AW: Postfach voll",
        "Guten Tag\n\nIch bin ab Juli im Elternurlaub. Bitte ziehen Sie mein Postfach vorher auf "
        "t.wyss@architekten.example um.\n\nFreundliche Grüsse\nSandra Meier\n",
        name="Sandra Meier"),
}


test_the_absence_answer_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
