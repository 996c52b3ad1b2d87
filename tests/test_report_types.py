"""Issue 21: a multipart/report (RFC 6522) is a machine's report whatever its report-type.
delivery-status (a bounce), disposition-notification (a read receipt) and feedback-report were
known by name; any other type fell through and the report was answered: SMTP TLS reports
(RFC 8460, report-type=tlsrpt), a vendor's own type, or a type a publisher masked (MimeKit's
anonymised read receipt in its test data, MIT, measured: its report-type is "xxxxxxxx"). No
person's mail program writes multipart/report; a person who forwards a report attaches it to
a multipart/mixed mail of their own, and that stays answered. Written in my own words."""

from __future__ import annotations

from tests.findings import findings_tests


def report(report_type: str, second: str, sender: str = "reports@mail.kunde.example") -> bytes:
    return (
        f"From: {sender}\r\nTo: technik@centron.de\r\nSubject: Report for centron.de\r\n"
        "Date: Mon, 03 Nov 2025 09:00:00 +0100\r\nMessage-ID: <rpt-1@mail.kunde.example>\r\n"
        "MIME-Version: 1.0\r\n"
        f"Content-Type: multipart/report; report-type={report_type}; boundary=R\r\n\r\n"
        "--R\r\nContent-Type: text/plain\r\n\r\n"
        "This is an aggregate report of the sessions for your domain.\r\n\r\n"
        f"--R\r\n{second}\r\n--R--\r\n").encode()


TLS = ("Content-Type: application/tlsrpt+json\r\nContent-Disposition: attachment; "
       "filename=report.json\r\n\r\n{\"organization-name\": \"Kunde\", \"policies\": []}\r\n")
NOTIFICATION = ("Content-Type: message/disposition-notification\r\n\r\n"
                "Reporting-UA: mail.kunde.example; Mailer 2.1\r\n"
                "Final-Recipient: rfc822; b.vogt@kunde.example\r\n"
                "Disposition: manual-action/MDN-sent-manually; displayed\r\n")


def forwarded(text: str) -> bytes:
    """A person's own mail, the report attached as a message."""
    return (
        "From: Birgit Vogt <b.vogt@kunde.example>\r\nTo: technik@centron.de\r\n"
        "Subject: Fwd: Report for centron.de\r\nDate: Mon, 03 Nov 2025 10:00:00 +0100\r\n"
        "Message-ID: <fw-1@kunde.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=M\r\n\r\n"
        f"--M\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
        "--M\r\nContent-Type: message/rfc822\r\n\r\n"
        + report("tlsrpt", TLS).decode() + "\r\n--M--\r\n").encode()


MACHINES = {
    "an SMTP TLS report (report-type=tlsrpt) from a role address": (
        report("tlsrpt", TLS), "reports@mail.kunde.example"),
    "a read receipt whose report-type is a vendor's own name": (
        report("x-receipt", NOTIFICATION, "B. Vogt <b.vogt@kunde.example>"),
        "b.vogt@kunde.example"),
    "a report whose type was masked, its envelope unknown": (
        report("xxxxxxxxxxxxxxxx", NOTIFICATION, "xxx <xxxx@xxxxxxx.xxx>"), None),
}

PEOPLE = {
    "a person forwarding a TLS report, with a question": (forwarded(
        "Hallo,\r\n\r\nwir bekommen diese Berichte seit gestern. Ist bei Ihnen etwas mit TLS "
        "kaputt?\r\n\r\nGruss, Birgit Vogt"), "b.vogt@kunde.example"),
    "a person forwarding it in English, without a greeting": (forwarded(
        "What does this report mean? Do we need to change anything?\r\n\r\nBirgit"),
        "b.vogt@kunde.example"),
}

test_the_report_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
