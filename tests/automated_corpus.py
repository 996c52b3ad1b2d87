"""Automated mail in the shapes real systems send. None of these may ever get a reply.

Each entry: (envelope sender, raw message). Header sets follow what the named systems emit.
"""

from __future__ import annotations


def _mail(headers: str, body: str = "Automatic message.\n") -> bytes:
    text = headers.strip("\n") + "\n\n" + body
    return text.replace("\n", "\r\n").encode("utf-8")


DSN_BODY = """--BOUNDARY
Content-Type: text/plain

This is the mail system at host mx.kunde.example.
I'm sorry to have to inform you that your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.kunde.example
Final-Recipient: rfc822; gone@kunde.example
Action: failed
Status: 5.1.1

--BOUNDARY--
"""

CORPUS: dict[str, tuple[str | None, bytes]] = {
    "exchange_out_of_office_de": ("max@kunde.example", _mail("""
From: Max Kunde <max@kunde.example>
To: technik@centron.de
Subject: Automatische Antwort: Server down
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: max@kunde.example
Message-ID: <oof1@kunde.example>
""", "Ich bin bis 20.10. nicht im Büro.\n")),
    "outlook_oof_without_auto_submitted": ("erika@kunde.example", _mail("""
From: Erika <erika@kunde.example>
To: technik@centron.de
Subject: Abwesenheitsnotiz: Ihre Anfrage
X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply
Message-ID: <oof2@kunde.example>
""")),
    "outlook_oof_english": ("john@customer.example", _mail("""
From: John <john@customer.example>
To: billing@centron.de
Subject: Automatic reply: Invoice 2025-08
Message-ID: <oof3@customer.example>
""", "I am out of the office until Monday.\n")),
    "gmail_vacation_responder": ("anna@gmail.example", _mail("""
From: Anna <anna@gmail.example>
To: technik@centron.de
Subject: Out of Office
Auto-Submitted: auto-replied
Precedence: bulk
Message-ID: <vac1@gmail.example>
""")),
    "sieve_vacation_rfc5230": ("bob@mail.example", _mail("""
From: bob@mail.example
To: technik@centron.de
Subject: Auto: Re: Server down
Auto-Submitted: auto-replied (vacation)
Message-ID: <vac2@mail.example>
""")),
    "thunderbird_vacation_german": ("chris@kunde.example", _mail("""
From: chris@kunde.example
To: vertrieb@centron.de
Subject: Urlaubsabwesenheit bis 3. November
Message-ID: <vac3@kunde.example>
""")),
    "postfix_dsn": ("", _mail("""
From: MAILER-DAEMON@mx.kunde.example (Mail Delivery System)
To: technik@centron.de
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"
Message-ID: <dsn1@mx.kunde.example>
""", DSN_BODY)),
    "exim_dsn": ("", _mail("""
From: Mail Delivery System <Mailer-Daemon@exim.example>
To: billing@centron.de
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: gone@exim.example
Auto-Submitted: auto-replied
Message-ID: <dsn2@exim.example>
""", "This message was created automatically by mail delivery software.\n")),
    "exchange_ndr": ("", _mail("""
From: postmaster@outlook.example
To: technik@centron.de
Subject: Unzustellbar: Server down
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"
MIME-Version: 1.0
Message-ID: <ndr1@outlook.example>
""", DSN_BODY)),
    "sendmail_dsn_with_envelope_sender": ("MAILER-DAEMON@sendmail.example", _mail("""
From: Mail Delivery Subsystem <MAILER-DAEMON@sendmail.example>
To: technik@centron.de
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"
Message-ID: <dsn3@sendmail.example>
""", DSN_BODY)),
    "dsn_delivered_via_imap_return_path": (None, _mail("""
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example>
To: technik@centron.de
Subject: Delivery Status Notification (Failure)
Message-ID: <dsn4@mx.example>
""")),
    "read_receipt_mdn": ("max@kunde.example", _mail("""
From: Max <max@kunde.example>
To: technik@centron.de
Subject: Gelesen: Ihre Anfrage
Content-Type: multipart/report; report-type=disposition-notification; boundary="B"
Message-ID: <mdn1@kunde.example>
""", "--B\nContent-Type: message/disposition-notification\n\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n--B--\n")),
    "abuse_feedback_report": ("fbl@isp.example", _mail("""
From: Feedback Loop <fbl@isp.example>
To: technik@centron.de
Subject: FW: complaint
Content-Type: multipart/report; report-type=feedback-report; boundary="B"
Message-ID: <arf1@isp.example>
""", "--B\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n--B--\n")),
    "mailman_list_post": ("users-bounces@lists.example", _mail("""
From: Someone <someone@example.org>
To: users@lists.example
Subject: [users] Anyone using centron?
List-Id: Users <users.lists.example>
List-Unsubscribe: <mailto:users-leave@lists.example>
List-Post: <mailto:users@lists.example>
Precedence: list
Message-ID: <ml1@example.org>
""")),
    "google_groups_digest": ("group+noreply@googlegroups.example", _mail("""
From: group@googlegroups.example
To: technik@centron.de
Subject: Digest for group - 3 updates in 1 topic
Mailing-List: list group@googlegroups.example; contact group+owners@googlegroups.example
List-ID: <group.googlegroups.example>
Message-ID: <gg1@googlegroups.example>
""")),
    "listmonk_newsletter": ("bounce@news.example", _mail("""
From: Hosting News <news@news.example>
To: technik@centron.de
Subject: Unser Oktober-Newsletter
List-Unsubscribe: <https://news.example/unsub/abc>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Precedence: bulk
Message-ID: <nl1@news.example>
""")),
    "mailchimp_campaign": ("bounce-mc.us1_123@mail123.mcsv.example", _mail("""
From: Shop <hello@shop.example>
To: billing@centron.de
Subject: 20% Rabatt nur heute
List-Unsubscribe: <mailto:unsub-123@us1.list-manage.example>
X-Mailer: MailChimp Mailer
Message-ID: <mc1@mail123.mcsv.example>
""")),
    "majordomo_list": ("owner-devel@lists.example", _mail("""
From: devel-owner@lists.example
To: technik@centron.de
Subject: Welcome to devel
Message-ID: <mj1@lists.example>
""")),
    "old_list_x_mailing_list": ("user@example.net", _mail("""
From: user@example.net
To: technik@centron.de
Subject: Re: kernel panic
X-Mailing-List: linux-kernel@vger.example
Message-ID: <xml1@example.net>
""")),
    "zendesk_ticket_autoreply": ("support@vendor.example", _mail("""
From: Vendor Support <support@vendor.example>
To: technik@centron.de
Subject: [Request received] Ihre Anfrage #4711
Auto-Submitted: auto-generated
X-Autoreply: yes
Message-ID: <zd1@vendor.example>
""")),
    "otrs_autoreply": ("helpdesk@partner.example", _mail("""
From: Helpdesk <helpdesk@partner.example>
To: technik@centron.de
Subject: [Ticket#2025100112] Eingangsbestätigung
X-OTRS-Loop: yes
Precedence: bulk
Auto-Submitted: auto-replied
Message-ID: <otrs1@partner.example>
""")),
    "freshdesk_autoresponse": ("support@saas.example", _mail("""
From: support@saas.example
To: billing@centron.de
Subject: Ticket received
X-Autoresponse: yes
Message-ID: <fd1@saas.example>
""")),
    "jira_notification": ("jira@atlassian.example", _mail("""
From: Jira <jira@atlassian.example>
To: technik@centron.de
Subject: [JIRA] (OPS-12) Server down
Auto-Submitted: auto-generated
Precedence: bulk
Message-ID: <jira1@atlassian.example>
""")),
    "noreply_shop_invoice": ("no-reply@shop.example", _mail("""
From: Shop <no-reply@shop.example>
To: billing@centron.de
Subject: Ihre Rechnung Nr. 123
Message-ID: <inv1@shop.example>
""")),
    "donotreply_bank": ("do-not-reply@bank.example", _mail("""
From: Bank <do-not-reply@bank.example>
To: billing@centron.de
Subject: Kontoauszug verfügbar
Message-ID: <bank1@bank.example>
""")),
    "noreply_in_reply_to_only": ("alerts@monitoring.example", _mail("""
From: Monitoring <alerts@monitoring.example>
Reply-To: noreply@monitoring.example
To: technik@centron.de
Subject: [ALERT] disk full on srv-web-01
Message-ID: <mon1@monitoring.example>
""")),
    "cron_daemon_output": ("root@srv.kunde.example", _mail("""
From: Cron Daemon <root@srv.kunde.example>
To: technik@centron.de
Subject: Cron <root@srv> /usr/local/bin/backup.sh
Auto-Submitted: auto-generated
Precedence: bulk
X-Cron-Env: <SHELL=/bin/sh>
Message-ID: <cron1@srv.kunde.example>
""")),
    "github_notification": ("notifications@github.example", _mail("""
From: GitHub <notifications@github.example>
To: technik@centron.de
Subject: [org/repo] Build failed
List-ID: org/repo <repo.org.github.example>
X-Auto-Response-Suppress: All
Message-ID: <gh1@github.example>
""")),
    "spamassassin_flagged": ("winner@lottery.example", _mail("""
From: winner@lottery.example
To: vertrieb@centron.de
Subject: You won!
X-Spam-Flag: YES
X-Spam-Status: Yes, score=14.2 required=5.0
Message-ID: <spam1@lottery.example>
""")),
    "our_own_reply_bounced_back": ("max@kunde.example", _mail("""
From: centron Technischer Support <technik@centron.de>
To: max@kunde.example
Subject: Automatische Antwort: Server down
Auto-Submitted: auto-replied
X-Loop: support-gateway@centron.de
Message-ID: <gw.0123456789abcdef@centron.de>
""")),
    "mail_from_our_other_address": ("billing@centron.de", _mail("""
From: billing@centron.de
To: technik@centron.de
Subject: Weiterleitung
Message-ID: <own1@centron.de>
""")),
    "forwarding_loop_many_received": ("max@kunde.example", _mail(
        "\n".join(f"Received: from hop{i}.example by hop{i + 1}.example; Wed, 1 Oct 2025"
                  for i in range(40)) + """
From: max@kunde.example
To: technik@centron.de
Subject: Server down
Message-ID: <loop1@kunde.example>
""")),
    "x_autogenerated_reply": ("user@isp.example", _mail("""
From: user@isp.example
To: technik@centron.de
Subject: Re: Ihre Nachricht
X-Autogenerated: Reply
Message-ID: <xag1@isp.example>
""")),
    "x_precedence_auto_reply": ("user@isp.example", _mail("""
From: user@isp.example
To: technik@centron.de
Subject: Antwort
X-Precedence: auto_reply
Message-ID: <xpr1@isp.example>
""")),
    "fc_machine_generated": ("robot@firstclass.example", _mail("""
From: robot@firstclass.example
To: technik@centron.de
Subject: Abwesend
X-FC-MachineGenerated: true
Message-ID: <fc1@firstclass.example>
""")),
}
