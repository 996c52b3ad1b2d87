"""Seventeenth held-out figures (a blind set of session 9 on real bounces and feedback reports):
each mail of tests/heldout17/{machines,people} through the real pipeline, measured as
tests.heldout.measure does (same start date, two days apart, To technik@centron.de, two
envelopes: the file's Return-Path, then the From address). Beside the machines and people it
counts the 60 bounces, DSNs and feedback/abuse reports among the machines on their own (issue 21
asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout17.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-bruteforce-ssh-report-en", "abuse-cert-pl-open-resolver",
    "abuse-csirt-es-phishing-attached", "abuse-freetext-it-phishing-attached",
    "abuse-portscan-ids-report-de", "abuse-xarf-login-attack-honeynet",
    "arf-auth-failure-dmarc-forensic-nl", "arf-fbl-email-cz-abuse",
    "arf-fraud-phishing-bank-brand", "arf-user-report-spam-button-de",
    "arf-virus-attachment-isp-at", "bounce-aruba-it-utente-inesistente",
    "bounce-barracuda-bulk-filter", "bounce-bbox-fr-boite-pleine",
    "bounce-centrum-cz-schranka-neexistuje", "bounce-communigate-account-full-ru",
    "bounce-courier-notice-delivery-status", "bounce-domino-de-zustellungsfehler",
    "bounce-exchange2010-mailbox-full-en", "bounce-exim-spanish-template",
    "bounce-fortimail-de-gesperrter-anhang", "bounce-groupwise-de-unbekannter-benutzer",
    "bounce-hmailserver-remote-550-en", "bounce-homepl-skrzynka-pelna",
    "bounce-hostpoint-ch-postfach-deaktiviert", "bounce-iis-smtp-extended-period",
    "bounce-ironport-fr-taille-depassee", "bounce-kasserver-domain-not-found",
    "bounce-kerio-connect-de-konto-deaktiviert", "bounce-mail-administrator-relaying-denied",
    "bounce-mailcow-forward-dmarc-gmail", "bounce-mdaemon-permanent-failure-en",
    "bounce-mimecast-policy-rejected", "bounce-netease-163-tuixin",
    "bounce-netqmail-vpopmail-no-mailbox", "bounce-o365-es-grupo-restringido",
    "bounce-o365-it-casella-piena", "bounce-o365-nl-transportregel",
    "bounce-o365-sv-vidarebefordran-nekad", "bounce-orange-fr-boite-desactivee",
    "bounce-posteo-postfach-geloescht", "bounce-postfix-pt-br-caixa-cheia",
    "bounce-proofpoint-essentials-blocked", "bounce-qmail-german-template-quota",
    "bounce-rakuten-jp-haishin-funo", "bounce-retarus-de-abgewiesen",
    "bounce-sapo-pt-conta-inativa", "bounce-sendmail-oldstyle-transcript-nomime",
    "bounce-ukrnet-skrynku-zablokovano", "bounce-ziggo-nl-adres-bestaat-niet",
    "bounce-zmailer-post-office-failed", "dsn-courier-delayed-mail",
    "dsn-exim-fr-retarde-24-heures", "dsn-o365-ro-livrare-intarziata",
    "dsn-sendmail-warning-4-hours", "dsn-zimbra-pl-dostarczenie-opoznione",
    "fbl-legacy-scomp-style-no-arf", "phishing-takedown-bank-de",
    "phishing-takedown-brand-protection-en", "spamcop-style-report-summary",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
