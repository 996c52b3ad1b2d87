"""A mailbox of the kinds of mail the old addresses get, across the weeks around the cutover:
people, monitoring, cron, a status page, bounces, spam, an out-of-office, a partner."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import make_mail

PARTNER_CONFIG = '[[exception]]\nname = "partner"\nsenders = ["partner.example"]\n'

MAILS = [  # (received, sender, rcpt, subject, extra headers)
    (datetime(2025, 9, 22, 8), "max@kunde.example", "technik", "Server down", {}),
    (datetime(2025, 9, 23, 8), "winner@lottery.example", "technik", "You won",
     {"X-Spam-Flag": "YES"}),
    (datetime(2025, 9, 29, 8), "nagios@mon.kunde.example", "technik", "[ALERT] disk 97%",
     {"Auto-Submitted": "auto-generated"}),
    (datetime(2025, 10, 1, 8), "erika@kunde.example", "technik", "Abwesenheitsnotiz", {}),
    (datetime(2025, 10, 6, 8), "MAILER-DAEMON@mx.example", "technik",
     "Undelivered Mail Returned to Sender", {}),
    (datetime(2025, 10, 14, 8), "status@statuspage.example", "technik", "Incident resolved",
     {"List-Id": "<status.statuspage.example>"}),
    (datetime(2025, 10, 15, 8), "max@kunde.example", "technik", "Noch eine Frage", {}),
    (datetime(2025, 10, 15, 9), "max@kunde.example", "technik", "Und noch eine", {}),
    (datetime(2025, 10, 16, 8), "max@kunde.example", "technik", "Hallo?", {}),
    (datetime(2025, 10, 20, 8), "anna@firma.example", "billing", "Rechnung 4711", {}),
    (datetime(2025, 10, 21, 8), "noc@partner.example", "technik", "Wartung Rack 12", {}),
    (datetime(2025, 11, 3, 8), "root@srv.kunde.example", "technik", "Cron <root@srv> backup",
     {"Auto-Submitted": "auto-generated"}),
]
# An out-of-office notice is recognised by its subject only when its body corroborates it.
BODIES = {"erika@kunde.example": "Ich bin bis 20.10. nicht im Büro."}


def write_mbox(path: Path) -> Path:
    box = mailbox.mbox(path)
    for n, (when, sender, rcpt, subject, headers) in enumerate(MAILS):
        raw = make_mail(subject=subject, sender=sender, to=f"{rcpt}@centron.de",
                        message_id=f"<mbx{n}@{sender.split('@')[1]}>", headers=headers,
                        **({"body": BODIES[sender]} if sender in BODIES else {}))
        message = mailbox.mboxMessage(raw)
        message.set_from(sender, when.replace(tzinfo=UTC).timetuple())
        box.add(message)
    box.flush()
    box.close()
    return path
