"""Absence answers of a mail client's rule with no marker header, under a plain reply prefix
(Re:, AW:, RE:, R:, RES:, Odp:, Antw:), that say *why* in a family of words absence_words and
absence_reasons left out (ill or on sick leave, on a training or at a conference, out of reach
of one's mail, out of the office in the future tense), *when* ("I will get back to you next
week", "responderé a mi regreso", "odpowiem po powrocie") or *whom to turn to* politely ("please
write to Tom (tom@...)", "merci d'écrire à ..."), and sign with a thanks line above the name
("Thanks,\\nJohn Smith", "Grazie,\\nMarco Rossi"). tests/heldout16 found five (absence_families.py);
written here in other words, in de/en/fr/es/it/nl/pl/pt. Beside them people who are ill or at a
conference and still ask, ask for something, agree to something, or ask to be called."""

from __future__ import annotations

from tests.findings import findings_tests, mail


def reply(lang: str, subject: str, body: str, name: str) -> tuple[bytes, str]:
    local = name.split()[0].lower()
    return mail(f"{local}@kunde-{lang}.example", subject, body, name=name)


MACHINES = {
    "en: at a conference, limited access to email, back next week, 'please contact ... at x@'":
        reply("en", "Re: [Ticket#2027031210000111] Kernel update",
              "Hello,\n\nI'm at a conference until Thursday with limited access to email. I will "
              "get back to you next week.\n\nFor urgent matters please contact our service desk "
              "at desk@acme.example.\n\nThanks,\nJohn Smith", "John Smith"),
    "en: on parental leave, 'please write to Tom (tom@...)', a thanks for the mail":
        reply("en", "Re: Renewal of acme.example",
              "Hi,\n\nThanks for your email. I'm on parental leave until the end of June. For "
              "anything urgent please write to Tom (tom@acme.example), who is covering for me."
              "\n\nBest,\nHannah", "Hannah Cole"),
    "de: takes part in a training ('nehme ... an einer Schulung teil'), limited access":
        reply("de", "AW: [Ticket#2027031210000112] Zertifikat",
              "Sehr geehrte Damen und Herren,\n\nich nehme bis Freitag, 13.03.2027, an einer "
              "Schulung teil und habe nur eingeschränkt Zugriff auf meine E-Mails. Ihre Nachricht "
              "wird nach meiner Rückkehr bearbeitet.\n\nIn dringenden Angelegenheiten wenden Sie "
              "sich bitte an unsere Zentrale unter 089 555 100.\n\nMit freundlichen Grüßen\n"
              "Petra Lang", "Petra Lang"),
    "fr: sick leave, does not read the mail, 'merci d'écrire à ...'":
        reply("fr", "RE: [Ticket#2027031210000113] Facture",
              "Bonjour,\n\nJe suis actuellement en arrêt maladie et ne consulte pas ma messagerie."
              " Pour toute demande urgente, merci d'écrire à contact@societe.example.\n\n"
              "Cordialement,\nMarie Dubois", "Marie Dubois"),
    "it: 'sarò fuori ufficio', limited access to the mail, 'Grazie,' above the name":
        reply("it", "R: [Ticket#2027031210000114] Backup",
              "Buongiorno,\n\nsarò fuori ufficio fino a lunedì 15 marzo con accesso limitato alla "
              "posta. Per questioni urgenti scrivete a it@azienda.example.\n\nGrazie,\nMarco Rossi"
              "\nResponsabile IT", "Marco Rossi"),
    "nl: ill, does not read the mail, whom to contact":
        reply("nl", "Antw: [Ticket#2027031210000115] DNS",
              "Beste,\n\nik ben momenteel ziek en lees mijn e-mail niet. Voor dringende zaken kunt u"
              " contact opnemen met info@bedrijf.example.\n\nMet vriendelijke groet,\nSanne de Vries",
              "Sanne de Vries"),
    "nl: follows a training, limited access, answers after the return":
        reply("nl", "Re: [Ticket#2027031210000116] Migratie",
              "Hallo,\n\nik volg tot vrijdag een training en heb beperkt toegang tot mijn e-mail. Na "
              "mijn terugkeer reageer ik op uw bericht.\n\nGroet,\nPieter", "Pieter Jansen"),
    "pl: on sick leave, 'proszę o kontakt'":
        reply("pl", "Odp: [Ticket#2027031210000117] Faktura",
              "Dzień dobry,\n\njestem na zwolnieniu lekarskim do piątku. W pilnych sprawach proszę o"
              " kontakt z biuro@firma.example.\n\nPozdrawiam,\nAnna Nowak", "Anna Nowak"),
    "pl: at a training with limited access to the mail, answers after the return":
        reply("pl", "Odp: [Ticket#2027031210000118] Serwer",
              "Dzień dobry,\n\ndo 12 marca jestem na szkoleniu z ograniczonym dostępem do poczty. "
              "Odpowiem po powrocie.\n\nPozdrawiam\nPiotr", "Piotr Zielinski"),
    "pt: on sick leave, whom to contact":
        reply("pt", "RES: [Ticket#2027031210000119] Fatura",
              "Olá,\n\nestou de baixa médica até sexta-feira. Para assuntos urgentes, contacte "
              "suporte@empresa.example.\n\nCumprimentos,\nJoão Silva", "João Silva"),
    "en: at a trade fair, answers on Monday (a time, no matter)": reply(
        "en", "Re: [Ticket#2027031210000134] Quote",
        "Hello,\n\nI'm at a conference until Friday. I will get back to you on Monday.\n\n"
        "Kind regards,\nPeter Brown", "Peter Brown"),
    "pt: at a conference, limited access, answers when back, 'Obrigado,' above the name":
        reply("pt", "RES: [Ticket#2027031210000120] Domínio",
              "Bom dia,\n\nestou numa conferência até quinta-feira com acesso limitado ao e-mail. "
              "Responderei quando voltar.\n\nObrigado,\nRita Costa", "Rita Costa"),
}

PEOPLE = {
    "en: at a conference and asks to postpone the update": reply(
        "en", "Re: [Ticket#2027031210000111] Kernel update",
        "Hello,\n\nI'm at a conference until Thursday with limited access to email. Could you "
        "postpone the kernel update until Friday?\n\nThanks,\nJohn Smith", "John Smith"),
    "en: on a training course and asks to be called": reply(
        "en", "Re: [Ticket#2027031210000121] Migration",
        "Hello,\n\nI'm on a training course until Friday; please call me at +49 171 5550123 about "
        "the migration.\n\nThanks,\nJohn Smith", "John Smith"),
    "en: on a training, asks us to call the office to schedule the migration": reply(
        "en", "Re: [Ticket#2027031210000132] Migration",
        "Hello,\n\nI'm attending a training course next week. Please call our office at 030 "
        "1234567 to schedule the migration.\n\nThanks,\nJohn Smith", "John Smith"),
    "de: on a training, asks us to write to the office about the migration": reply(
        "de", "AW: [Ticket#2027031210000133] Migration",
        "Hallo,\n\nich bin bis Freitag auf einer Schulung. Bitte schreiben Sie an "
        "buero@kunde-de.example wegen des Termins für die Migration.\n\nGruß\nJan Meier",
        "Jan Meier"),
    "en: off sick, will answer tomorrow about the invoice that looks wrong": reply(
        "en", "Re: [Ticket#2027031210000122] Invoice",
        "Hi,\n\nI'm off sick today, I'll get back to you tomorrow about the invoice you sent, it "
        "looks wrong to me.\n\nThanks,\nAmy", "Amy Clark"),
    "en: thanks for the fix, then parental leave and where to send the invoice": reply(
        "en", "Re: [Ticket#2027031210000123] Fixed",
        "Hi,\n\nthanks, that fixed it. I'm on parental leave from next week, so please send the "
        "invoice to tom@acme.example.\n\nBest,\nHannah", "Hannah Cole"),
    "de: ill and asks to move the maintenance": reply(
        "de", "AW: [Ticket#2027031210000124] Wartung",
        "Hallo,\n\nich bin derzeit krank. Bitte verschieben Sie die Wartung auf nächste Woche.\n\n"
        "Gruß\nJan Meier", "Jan Meier"),
    "de: ill, agrees to the maintenance, will be in touch next week": reply(
        "de", "AW: [Ticket#2027031210000125] Wartung",
        "Hallo,\n\nich bin derzeit krank. Die Wartung am Dienstag passt uns gut. Ich melde mich "
        "nächste Woche.\n\nDanke,\nJan", "Jan Meier"),
    "fr: on sick leave and asks whether the invoice can wait": reply(
        "fr", "RE: [Ticket#2027031210000126] Facture",
        "Bonjour,\n\nje suis en arrêt maladie jusqu'à vendredi. Est-ce que la facture peut attendre "
        "lundi ?\n\nCordialement,\nMarie", "Marie Dubois"),
    "it: at a course, but the restart may go ahead": reply(
        "it", "R: [Ticket#2027031210000127] Riavvio",
        "Buongiorno,\n\nsono a un corso fino a venerdì, ma potete fare il riavvio martedì.\n\n"
        "Grazie,\nMarco", "Marco Rossi"),
    "nl: ill, but the invoice is wrong": reply(
        "nl", "Antw: [Ticket#2027031210000128] Factuur",
        "Hallo,\n\nIk ben ziek, maar de factuur klopt niet: het bedrag is dubbel afgeschreven.\n\n"
        "Groet,\nPieter", "Pieter Jansen"),
    "pl: at a training and asks to move the restart": reply(
        "pl", "Odp: [Ticket#2027031210000129] Restart",
        "Dzień dobry,\n\njestem na szkoleniu do piątku. Proszę przesunąć restart serwera na "
        "poniedziałek.\n\nPozdrawiam\nPiotr", "Piotr Zielinski"),
    "pt: on sick leave, but the server may be restarted tomorrow": reply(
        "pt", "RES: [Ticket#2027031210000130] Servidor",
        "Olá,\n\nestou de baixa até sexta, mas podem reiniciar o servidor amanhã. Responderei "
        "quando voltar.\n\nObrigado,\nRita", "Rita Costa"),
    "pl: at a trade fair, will answer about the offer after the return": reply(
        "pl", "Odp: Oferta na serwer",
        "Dzień dobry,\n\njestem na targach w Krakowie do piątku. Po powrocie odpowiem w sprawie "
        "oferty.\n\nPozdrawiam\nEwa Kowalska", "Ewa Kowalska"),
    "en: at a conference, will get back about the quote": reply(
        "en", "Re: Quote for two servers",
        "Hello,\n\nI'm at a conference until Friday. I will get back to you about the quote when "
        "I am back.\n\nKind regards,\nPeter Brown", "Peter Brown"),
    "de: on a training, will be in touch about the offer": reply(
        "de", "AW: Angebot Managed Server",
        "Hallo,\n\nich bin bis Freitag auf einer Schulung. Nach meiner Rückkehr melde ich mich "
        "wegen des Angebots.\n\nGruß\nJan Meier", "Jan Meier"),
    "es: on leave, agrees to the DNS change, answers on return": reply(
        "es", "RE: [Ticket#2027031210000131] DNS",
        "Hola,\n\nestoy de baja hasta el lunes. El cambio de DNS está bien para nosotros. "
        "Responderé a mi regreso.\n\nSaludos,\nCarlos", "Carlos Ruiz"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
