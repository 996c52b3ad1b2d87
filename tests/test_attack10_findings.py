"""Issue 21: an attack from the customers' side on session 10's rules (tests/attack10): realistic
customers' mails that the classifier silenced, each beside the machine look-alikes that must stay
unanswered. Every person here was taken for a machine at 984952c: a short answer that says the
writer is away and asks for something as a wish or an obligation, without "please" or a question
mark (wished_requests, read by out_of_office, absence_replies and thanked_notices), or gives an
instruction "from now on" in French (own_words.FROM_NOW_RE); or a helpdesk's agent who writes to
us through the helpdesk's bounce envelope with a screenshot or a log attached and asks about it
(signed_replies.signs_as_sender: a question of the writer's own beside a file; the helpdesk's
brand in parentheses after the agent's name); or a customer who sends a signed contract through a
CRM built on a mail library and signs with their name alone (library_senders: a name paragraph
is a person's signature)."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

_REPLY = {"In-Reply-To": "<gw.4ef83a0db21e411f@centron.de>"}


def _answer(sender: str, subject: str, body: str, name: str) -> tuple[bytes, str]:
    return mail(sender, subject, body, name=name, headers=_REPLY)


_VERP = "bounces+4471.22120@email.helpdesk.example"


def _agent(name: str, sender: str, subject: str, body: str, kind: str, filename: str,
           envelope: str = _VERP) -> tuple[bytes, str]:
    return attached(mail(sender, subject, body, name=name, envelope=envelope), kind, filename)


_PHPMAILER = {"X-Mailer": "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"}


def _library(name: str, sender: str, subject: str, body: str) -> tuple[bytes, str]:
    return attached(mail(sender, subject, body, name=name, headers=_PHPMAILER),
                    "application/pdf", "document.pdf")


MACHINES = {
    "an application's invoice through a mail library, signed by its team": _library(
        "Mustermann GmbH", "rechnung@mustermann.example", "Ihre Rechnung 2026-0042",
        "Sehr geehrte Kundin, sehr geehrter Kunde,\n\nanbei erhalten Sie Ihre Rechnung "
        "2026-0042.\n\nIhr Team der Mustermann GmbH\n"),
    "a report through a mail library, the company's name as the last paragraph": _library(
        "Reporting", "reports@mustermann.example", "Monatsbericht Januar",
        "Guten Tag,\n\nanbei der Monatsbericht.\n\nMustermann GmbH\nAbteilung Controlling\n"),
    "an invoice in its user's name through the tool's bounce envelope, a stock question": _agent(
        "Max Mustermann", "max@mustermann-bau.example", "Rechnung 2026-0042",
        "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie unsere Rechnung 2026-0042 über "
        "1.190,00 EUR. Haben Sie Fragen zur Rechnung?\n\nMit freundlichen Grüßen\nMax Mustermann\n",
        "application/pdf", "Rechnung-2026-0042.pdf"),
    "an offer with a brochure and 'Need help?' through the bounce envelope": _agent(
        "Lisa Brandt", "lisa@saas.example", "Ihr Angebot",
        "Hallo,\n\nanbei Ihr persönliches Angebot. Need help?\n\nBeste Grüße\nLisa Brandt\n",
        "application/pdf", "Angebot.pdf"),
    "a file through the bounce envelope signed by someone the From does not name": _agent(
        "Brightleaf Support", "support@brightleaf.example", "Your export is ready",
        "Hi,\n\nyour export is attached. Could you confirm the export arrived in full?\n\nThanks,\n"
        "Laura Kim\n", "text/csv", "export.csv"),
    "a notice that would like to inform the reader of the absence": _answer(
        "j.doe@firm.example", "Re: Maintenance window",
        "I would like to inform you that I am out of the office until 2 February. For urgent "
        "matters please contact helpdesk@firm.example.\n\nJohn Doe", "John Doe"),
    "a German notice whose urgent requests must be sent elsewhere": _answer(
        "p.kraus@kanzlei.example", "AW: Rechnung",
        "Ich bin bis 30.01. nicht im Büro. Dringende Anfragen müssen an office@kanzlei.example "
        "gerichtet werden.\n\nPeter Kraus", "Peter Kraus"),
    "a French notice wishing happy holidays": _answer(
        "m.petit@cabinet.example", "RE: Facture",
        "Je suis absente jusqu'au 5 janvier. Je voudrais vous souhaiter de bonnes fêtes. En cas "
        "d'urgence, merci de contacter accueil@cabinet.example.\n\nMarie Petit", "Marie Petit"),
    "a Portuguese notice that would like to inform": _answer(
        "r.lima@empresa.example", "RE: Renovação",
        "Gostaria de informar que estou de férias até 2 de fevereiro. Para assuntos urgentes "
        "contacte geral@empresa.example.\n\nRita Lima", "Rita Lima"),
    "an English notice whose urgent questions must be sent elsewhere": _answer(
        "a.ward@studio.example", "Re: Invoice 2026-00412",
        "I'm on leave until 2 February. Urgent questions must be sent to office@studio.example, "
        "I will reply when I'm back.\n\nAmy Ward", "Amy Ward"),
    "an Italian notice: one must contact the office": _answer(
        "f.gallo@studio.example", "R: Fattura",
        "Sono in ferie fino al 2 febbraio. Per urgenze deve essere contattato l'ufficio: "
        "ufficio@studio.example.\n\nFranco Gallo", "Franco Gallo"),
    "an absence subject over a plain notice": mail(
        "m.zimmer@ing.example", "Abwesenheit 02.02.-13.02.",
        "Ich bin vom 02.02. bis 13.02. im Urlaub. In dringenden Fällen wenden Sie sich bitte an "
        "Herrn Wolf, 089 420 77-30.\n\nMatthias Zimmer", name="Matthias Zimmer"),
}

PEOPLE = {
    "an answer from a phone: the certificate must be renewed before, a colleague approves": _answer(
        "sven.hahn@hahn-metall.example", "AW: Zertifikat hahn-metall.de",
        "Bin bis 30.01. im Urlaub. Das Zertifikat muss vorher noch verlängert werden, Herr Meier gibt "
        "die Kosten frei (0171 5554433).\n\nVon meinem iPhone gesendet", "Sven Hahn"),
    "English: the certificate has to be renewed, a colleague approves": _answer(
        "oliver@tea.example", "Re: Certificate expiry",
        "I'm out of the office until 2 February. The certificate has to be renewed before the 24th, "
        "Priya (priya@tea.example) can approve the cost.\n\nOliver", "Oliver Grant"),
    "French: the certificate must be renewed": _answer(
        "n.roux@traiteur.example", "RE: Certificat",
        "Je suis en congés jusqu'au 2 février. Le certificat doit être renouvelé avant, mon collègue "
        "Marc (marc@traiteur.example) valide.\n\nEnvoyé de mon iPhone", "Nathalie Roux"),
    "Italian, Dutch and Polish obligations": _answer(
        "p.conti@serramenti.example", "R: Certificato",
        "Sono in ferie fino al 2 febbraio. Il certificato deve essere rinnovato prima, il mio collega "
        "Marco (marco@serramenti.example) approva.\n\nInviato da iPhone", "Paolo Conti"),
    "Dutch: the certificate must be renewed": _answer(
        "kees@bouw.example", "Re: Certificaat",
        "Ik ben tot 2 februari met vakantie. Het certificaat moet voor die tijd verlengd worden, mijn "
        "collega Joost (joost@bouw.example) keurt het goed.\n\nVerstuurd vanaf mijn iPhone", "Kees Visser"),
    "Polish: the certificate must be renewed": _answer(
        "p.nowak@meble.example", "Odp: Certyfikat",
        "Jestem na urlopie do 2 lutego. Certyfikat musi zostać odnowiony wcześniej, kolega Marek "
        "(marek@meble.example) zatwierdzi koszt.\n\nWysłane z iPhone'a", "Piotr Nowak"),
    "French: a wish that the renewal be done before the return": _answer(
        "n.roux@traiteur.example", "RE: Renouvellement",
        "Je suis en congés jusqu'au 30 janvier. J'aimerais que le renouvellement soit fait avant mon "
        "retour.\n\nEnvoyé de mon iPhone", "Nathalie Roux"),
    "an absence subject over a move that must be finished": mail(
        "m.zimmer@ing.example", "Abwesenheit 02.02.-13.02.",
        "Hallo,\n\nich bin vom 02.02. bis 13.02. im Urlaub. Der Umzug von bs-0921 muss bis dahin "
        "abgeschlossen sein. In dringenden Fällen erreichen Sie Herrn Wolf unter 089 420 77-30.\n\n"
        "Gruß\nMatthias Zimmer", name="Matthias Zimmer"),
    "an absence subject in English: the certificate has to be renewed": mail(
        "oliver@tea.example", "Out of office next week",
        "Hi,\n\nI'm out of office next week. The SSL certificate for shop.tea.example expires on 24 "
        "January and has to be renewed before then. Priya (priya@tea.example) can approve the "
        "cost.\n\nThanks,\nOliver", name="Oliver Grant"),
    "French: invoices to another address from now on": _answer(
        "i.garnier@cabinet.example", "RE: Facture 2026-00188",
        "Merci pour votre message. Je suis absente jusqu'au 2 février ; à partir de maintenant, merci "
        "d'envoyer les factures à compta@cabinet.example.\n\nIsabelle Garnier", "Isabelle Garnier"),
}

PEOPLE |= {
    "a signed contract through a CRM on a mail library, the customer's name alone under it": _library(
        "Marco Bianchi", "m.bianchi@bianchi-vini.example", "Contratto firmato",
        "Buongiorno,\n\nin allegato il contratto firmato.\n\nMarco Bianchi\n"),
    "a Freshdesk agent with a screenshot who asks us to check": _agent(
        "Markus Brandt", "support@kroll-it.freshdesk.example", "[#4413] Fehler beim Login",
        "Hallo centron-Team,\n\nunser Kunde Sonnenhof bekommt beim Login ins Account Center die "
        "Meldung im Screenshot. Können Sie das prüfen?\n\nViele Grüße\nMarkus Brandt\nKroll IT GmbH\n",
        "image/png", "screenshot.png"),
    "a Help Scout agent with a kernel log, who asks about the host": _agent(
        "Sam Rivera", "help@pixelforge.example", "Log from our server ps-1190",
        "Hi there,\n\nSam from Pixelforge. Attached is the kernel log from last night's crash on "
        "ps-1190. Could you check the host for hardware errors?\n\nCheers,\nSam Rivera\n",
        "text/plain", "kern.log", envelope="bounces+hs.5a1d@helpscout.example"),
    "a Zendesk agent under the brand's name, a bounce attached, asking about an address": _agent(
        "Laura Kim (Brightleaf Support)", "support@brightleaf.zendesk.example",
        "[Brightleaf] Bounce from your servers",
        "Hi centron team,\n\nattached is a bounce one of our customers received from "
        "mx01.centron.de. Could you check why our IP 198.51.100.20 is rejected?\n\nThanks,\n"
        "Laura Kim\nSupport Engineer, Brightleaf\n", "application/pdf", "bounce.pdf",
        envelope="bounces+zd-48212@brightleaf.zendesk.example"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
