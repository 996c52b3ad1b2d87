"""Issue 21.5, the second held-out set's findings (tests/heldout2) about absence notices: the
subject prefixes and absence sentences of Turkish, Polish, Dutch, Portuguese, Swedish, Danish,
Norwegian and Czech auto-replies (from tests/heldout4: Finnish, Estonian, Hungarian, Greek;
structure and wording together, never the subject alone), and a person who mentions their own
absence and asks something in the same mail."""

from __future__ import annotations

import pytest

from tests.test_heldout2_findings import mail, reasons

PEOPLE = {
    "a person's own absence, asking in the next sentence": mail(
        "b.vogel@immobilien.example", "Abwesenheit ab 26.01. - bitte Umzug vorher",
        "Hallo,\n\nich bin ab dem 26.01. für drei Wochen in Abwesenheit und dann nicht "
        "erreichbar. Könnten Sie den Umzug bitte noch diese Woche machen?\n\nDanke und Gruß"),
    "a Turkish customer asking about their auto-reply": mail(
        "murat@insaat.example", "Otomatik yanıt: çalışmıyor",
        "Otomatik yanıt kuralım çalışmıyor, izindeyim mesajı gitmiyor. Yardım edebilir misiniz?"),
    "a Dutch customer announcing a holiday and asking": mail(
        "jan@bouw.example", "Afwezig volgende week",
        "Ik ben volgende week afwezig. Kunt u de migratie vóór vrijdag doen?\nGroet, Jan"),
    "a Finnish customer on holiday, asking before": mail(
        "mikko@rakennus.example", "Olen lomalla 30.1. asti",
        "Hei,\nolen lomalla 30.1. asti. Voitteko tehdä palvelimen siirron ennen sitä?\n"
        "Terveisin Mikko"),
}

OUT_OF_OFFICE = {
    "en, a short question that is no person's": (
        "Automatic reply: Server migration",
        "I am out of the office until 14 February. Need help? Call +49 911 123456."),
    "tr": ("Otomatik yanıt: Sunucu taşıma",
           "Merhaba,\n\n9 Şubat tarihine kadar izindeyim ve e-postalarıma erişimim sınırlı "
           "olacaktır. Acil durumlarda lütfen info@firma.example adresine yazınız.\n\nSaygılarımla"),
    "pl": ("Automatyczna odpowiedź: Migracja serwera",
           "Dzień dobry,\njestem poza biurem do 14.02. W pilnych sprawach proszę pisać na "
           "biuro@firma.example.\nPozdrawiam"),
    "nl": ("Automatisch antwoord: Servermigratie",
           "Beste,\nIk ben afwezig tot en met 14 februari. In dringende gevallen kunt u "
           "contact opnemen met info@firma.example.\nMet vriendelijke groet"),
    "pt": ("Resposta automática: Migração do servidor",
           "Olá,\nEstou fora do escritório até 14/02. Em casos urgentes, contacte "
           "info@firma.example.\nCumprimentos"),
    "sv": ("Automatiskt svar: Servermigrering",
           "Hej,\nJag är på semester till och med 14 februari. I brådskande ärenden, kontakta "
           "info@firma.example.\nMed vänliga hälsningar"),
    "da": ("Automatisk svar: Servermigrering",
           "Hej,\nJeg er på ferie indtil 14. februar. I akutte tilfælde kontakt "
           "info@firma.example.\nMed venlig hilsen"),
    "no": ("Automatisk svar: Servermigrering",
           "Hei,\nJeg er ikke på kontoret før 14. februar. I hastesaker, kontakt "
           "info@firma.example.\nMed vennlig hilsen"),
    "cs": ("Automatická odpověď: Migrace serveru",
           "Dobrý den,\njsem mimo kancelář do 14. 2. V naléhavých případech pište na "
           "info@firma.example.\nS pozdravem"),
    "fi (tests/heldout4, an Outlook rule without a header)": (
        "Automaattinen vastaus: Huoltokatko 20.1.",
        "Hei,\n\nOlen lomalla 30.1. asti enkä lue sähköpostejani.\nKiireellisissä asioissa ota "
        "yhteyttä: tuki@firma.example\n\nTerveisin\nMikko Virtanen"),
    "et": ("Automaatne vastus: Serveri kolimine",
           "Tere,\nolen puhkusel kuni 14.02. Kiireloomulistes küsimustes kirjutage "
           "info@firma.example.\nLugupidamisega"),
    "hu": ("Automatikus válasz: Szerver költöztetés",
           "Jó napot,\nszabadságon vagyok február 14-ig. Sürgős esetben írjon az "
           "info@firma.example címre.\nÜdvözlettel"),
    "el": ("Αυτόματη απάντηση: Μετεγκατάσταση διακομιστή",
           "Καλημέρα,\nείμαι εκτός γραφείου έως 14/02. Για επείγοντα θέματα επικοινωνήστε με "
           "info@firma.example.\nΜε εκτίμηση"),
}


@pytest.mark.parametrize("subject, body", OUT_OF_OFFICE.values(), ids=OUT_OF_OFFICE.keys())
def test_absence_notices_in_more_languages(subject, body):
    raw, sender = mail("kollege@firma.example", subject, body, name="Kollege")
    assert reasons(raw, sender) == ("out-of-office",)


@pytest.mark.parametrize("subject, body", OUT_OF_OFFICE.values(), ids=OUT_OF_OFFICE.keys())
def test_the_absence_subject_alone_is_a_person(subject, body):
    """The same subject over a person's own words (no absence sentence) is answered."""
    raw, sender = mail("kollege@firma.example", subject, "Server 85.236.40.9 neu starten.")
    assert reasons(raw, sender) == ()


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_a_person_who_is_away_and_asks_stays_a_person(raw, sender):
    assert reasons(raw, sender) == ()
