"""Issue 21: an auto-responder's prefix set in brackets before the answered subject ("[Automatyczna
odpowiedź] test", as a Polish webmail's vacation answer in Mail::DeliveryStatus::BounceParser's
real test corpus has it; "[Auto-Reply] ...", "【自動返信】..."), not followed by a colon. The
subject was read as an absence notice's only with "Prefix:", so such an answer without any
header was answered. The body must still state the absence and ask nothing, as for "Prefix:";
people who tag their own subject so and ask or request something stay answered. Written in my
own words (that corpus is Perl-licensed: measured, not kept).

The same words after the answered subject, in parentheses: AOL's vacation answer in that corpus
("Re: ... (Automatic Response)", "Hello, I am away until ... and am unable to read your
message."), stopped there by its Auto-Submitted header and answered without it. Here an absence
sentence is always needed (no structure-only path), and "Automatic Response:" is a prefix too.

Beside it: "Bitte richten Sie ... ein" (set something up) is a person's request, not the notice's
"Bitte richten Sie Ihre Anfrage an ..." (where to turn): a customer announcing an absence under
"Abwesenheit:" who asks for a forwarding to be set up was silenced already with the colon."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "a Polish webmail's answer, its prefix in brackets": mail(
        "a.nowak@firma.example", "[Automatyczna odpowiedź] Zapytanie o serwer",
        "Dzień dobry,\n\njestem na urlopie do 15 sierpnia. W pilnych sprawach proszę o kontakt "
        "z biurem: biuro@firma.example\n\nAnna Nowak\n", name="Anna Nowak"),
    "an English one in brackets, a date and whom to turn to": mail(
        "j.parker@firma.example", "[Auto-Reply] RE: Your ticket 4471",
        "I am out of the office until Monday 12 May with no access to e-mail. For urgent "
        "matters please contact support@firma.example.\n", name="John Parker"),
    "a German one in brackets": mail(
        "m.weber@firma.example", "[Abwesenheitsnotiz] Angebot Serverwartung",
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 14.03. nicht im Büro und "
        "lese meine E-Mails nicht. In dringenden Fällen wenden Sie sich bitte an "
        "zentrale@firma.example.\n", name="Maria Weber"),
    "a French one in full-width brackets": mail(
        "c.roux@firma.example", "【Réponse automatique】 Facture 2025-118",
        "Bonjour,\nje suis absente du bureau jusqu'au 3 juin. Pour toute urgence, merci de "
        "contacter accueil@firma.example.\n", name="Camille Roux"),
    "an answer with the responder's words after the subject, in parentheses": mail(
        "d.hill@firma.example", "Re:   Offer for the new servers (Automatic Response)",
        "Hello, I am away until 07/05/2025 and am unable to read your message.\n"),
    "a German one with the words in brackets after the subject": mail(
        "u.graf@firma.example", "AW: Wartungsfenster [Automatische Antwort]",
        "Ich bin bis einschließlich 21.07. im Urlaub und lese meine E-Mails nicht.\n",
        name="Ute Graf"),
    "'Automatic Response' as a prefix in brackets": mail(
        "r.sims@firma.example", "[Automatic Response] Re: Invoice 2025-204",
        "I am out of the office until Monday, 3 March. For urgent matters please contact "
        "office@firma.example.\n", name="Rita Sims"),
    "a notice that says where to turn with 'richten Sie ... an'": mail(
        "p.haas@firma.example", "Abwesenheitsnotiz: Angebot 2025-31",
        "Ich bin bis zum 20.05. im Urlaub. Bitte richten Sie Ihre Anfrage in dringenden Fällen "
        "an vertrieb@firma.example.\n", name="Peter Haas"),
}

PEOPLE = {
    "a person who tags the subject so and asks how to set one up": mail(
        "t.kaiser@kunde.example", "[Auto-Reply] einrichten",
        "Hallo,\n\nwie richte ich für info@kunde.example eine Abwesenheitsnotiz ein? Ich bin ab "
        "Montag im Urlaub.\n\nGruß\nTobias Kaiser\n", name="Tobias Kaiser"),
    "a person whose auto-reply fails, in brackets too": mail(
        "s.lee@kunde.example", "[Out of Office] not sent since yesterday",
        "Hi, my out of office reply is not sent since yesterday. I am on vacation from "
        "Friday, can you check it?\n\nSam\n", name="Sam Lee"),
    "a person's own tag, an absence and a request for a forwarding": mail(
        "k.berger@kunde.example", "[Abwesenheit] Vertretung ab 2. Juni",
        "Guten Tag,\n\nich bin vom 2. bis 6. Juni im Urlaub. Bitte richten Sie für diese Zeit "
        "eine Weiterleitung meines Postfachs an k.moser@kunde.example ein.\n\nDanke, Karin "
        "Berger\n", name="Karin Berger"),
    "the same under 'Abwesenheit:', the request to set a forwarding up": mail(
        "k.berger@kunde.example", "Abwesenheit: Vertretung ab 2. Juni",
        "Guten Tag,\n\nich bin vom 2. bis 6. Juni im Urlaub. Bitte richten Sie für diese Zeit "
        "eine Weiterleitung meines Postfachs an k.moser@kunde.example ein.\n\nDanke, Karin "
        "Berger\n", name="Karin Berger"),
    "a person whose auto-reply is the matter, in parentheses": mail(
        "m.vogel@kunde.example", "Urlaub ab Montag (Automatische Antwort)",
        "Hallo,\n\nich bin ab Montag im Urlaub. Können Sie mir für diese Zeit eine automatische "
        "Antwort einrichten?\n\nMarkus Vogel\n", name="Markus Vogel"),
    "a person who reports it broken, the words in parentheses": mail(
        "a.kim@kunde.example", "Not working since Monday (Auto-Reply)",
        "Hi, I am away next week and my auto-reply has not been sent since Monday. Please "
        "have a look.\n\nAnn Kim\n", name="Ann Kim"),
    "a customer asking for one to be set up, its text after a colon": mail(
        "r.bauer@kunde.example", "Auto reply for support mailbox",
        "Hallo,\n\nbitte richten Sie für support@kunde.example eine automatische Antwort mit "
        "folgendem Text ein:\n\nVielen Dank für Ihre E-Mail. Wir haben Ihre Nachricht erhalten "
        "und melden uns innerhalb von 24 Stunden.\n\nDanke, Rita Bauer\n", name="Rita Bauer"),
    "a forward of a bracketed answer, with a question": mail(
        "f.roth@kunde.example", "WG: [Automatische Antwort] Rechnung 2025-77",
        "Hallo, diese Antwort kam auf unsere Rechnung zurück. Ist die Adresse noch richtig?\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: buchhaltung@lieferant.example\nBetreff: "
        "[Automatische Antwort] Rechnung 2025-77\n\nIch bin bis 10.04. nicht im Büro.\n",
        name="Frank Roth"),
}

test_the_bracketed_answer_is_not_answered, test_the_person_is_answered = findings_tests(
    MACHINES, PEOPLE)
