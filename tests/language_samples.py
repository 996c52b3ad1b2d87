"""Short support mails as customers of a hosting company write them, by language: the yardstick
of the language detection (tests/test_language.py) and of bench/language_detect.py. Written for
this project (no third-party text): subjects and bodies of one to a few lines, with the English
technical words, host names and numbers that real ones carry."""

from __future__ import annotations

# (language, subject, body)
SAMPLES: tuple[tuple[str, str, str], ...] = (
    # -- German -------------------------------------------------------------------------------
    ("de", "Server nicht erreichbar", "Hallo, unser Server srv-web-01 ist seit 10:15 Uhr nicht "
     "erreichbar. Bitte dringend prüfen. Danke"),
    ("de", "Rechnung 2025-08", "Guten Tag, auf der Rechnung fehlt der vereinbarte Rabatt. "
     "Können Sie das korrigieren?"),
    ("de", "SSL-Zertifikat", "Wie kann ich das Zertifikat für example.com erneuern?"),
    ("de", "Re: Backup", "Das Backup von gestern Nacht ist fehlgeschlagen, Fehlermeldung: "
     "connection timed out"),
    ("de", "Kündigung", "Hiermit kündige ich meinen Vertrag zum nächstmöglichen Termin."),
    ("de", "DNS", "Bitte den MX-Eintrag auf mail.example.de umstellen."),
    ("de", "Frage", "Hallo, ich komme nicht mehr ins Kundenkonto. Passwort vergessen."),
    ("de", "Webseite down!!", "Webseite zeigt nur noch 502 Bad Gateway. Was ist los?"),
    ("de", "Angebot Managed Server", "Wir interessieren uns für einen Managed Server mit 64 GB "
     "RAM. Bitte schicken Sie uns ein Angebot."),
    ("de", "Lastschrift", "Warum wurde der Betrag doppelt abgebucht?"),
    ("de", "Mailserver", "Mails an unsere Domain kommen seit heute früh nicht mehr an."),
    ("de", "Rückruf", "Bitte rufen Sie mich zurück, Tel. 0911 123456."),
    ("de", "VM startet nicht", "Nach dem Neustart bootet die VM nicht mehr, Konsole zeigt "
     "kernel panic."),
    ("de", "Zugangsdaten", "Ich brauche neue Zugangsdaten für den FTP-Zugang."),
    ("de", "Speicherplatz", "Die Festplatte ist voll, können Sie das Volume vergrößern?"),
    ("de", "Traffic", "Wir haben ungewöhnlich viel Traffic, ist das ein Angriff?"),
    ("de", "Update", "Wann wird PHP auf Version 8.3 aktualisiert?"),
    ("de", "Hilfe", "Hallo zusammen, der Login im Panel geht nicht. Grüße"),
    ("de", "Firewall Regel", "Bitte Port 8443 für unsere IP freigeben."),
    ("de", "Vertrag", "Ist eine Verlängerung um ein Jahr möglich?"),
    ("de", "Störung", "Seit heute Morgen Paketverlust auf allen Servern im Rack."),
    ("de", "Domain Transfer", "Ich möchte die Domain zu Ihnen umziehen, wie geht das?"),
    ("de", "Rechnungsadresse ändern", "Unsere Firma ist umgezogen, neue Adresse siehe Signatur."),
    ("de", "Datenbank langsam", "Die MySQL Datenbank ist sehr langsam, Abfragen dauern Minuten."),
    ("de", "AW: Ticket", "Danke, funktioniert wieder."),
    # -- English ------------------------------------------------------------------------------
    ("en", "Server unreachable", "Hi, our server srv-web-01 has been down since 10:15. Please "
     "check urgently. Thanks"),
    ("en", "Invoice 2025-08", "Hello, the agreed discount is missing on the invoice. Could you "
     "correct it?"),
    ("en", "SSL certificate", "How do I renew the certificate for example.com?"),
    ("en", "Re: Backup", "Last night's backup failed with: connection timed out"),
    ("en", "Cancellation", "I would like to cancel my contract at the earliest possible date."),
    ("en", "DNS", "Please point the MX record to mail.example.com."),
    ("en", "Question", "Hello, I can't log in to my account anymore. Forgot my password."),
    ("en", "Website down!!", "The site only shows 502 Bad Gateway. What is going on?"),
    ("en", "Quote managed server", "We are interested in a managed server with 64 GB RAM. "
     "Please send us a quote."),
    ("en", "Direct debit", "Why was the amount charged twice?"),
    ("en", "Mail server", "Mail to our domain has not been arriving since this morning."),
    ("en", "Call back", "Please call me back, phone +44 20 7946 0000."),
    ("en", "VM won't start", "After the reboot the VM does not boot, console shows kernel panic."),
    ("en", "Credentials", "I need new credentials for the FTP account."),
    ("en", "Disk space", "The disk is full, can you enlarge the volume?"),
    ("en", "Traffic", "We see unusually high traffic, is this an attack?"),
    ("en", "Update", "When will PHP be upgraded to 8.3?"),
    ("en", "Help", "Hi all, the panel login does not work. Cheers"),
    ("en", "Firewall rule", "Please open port 8443 for our IP."),
    ("en", "Contract", "Is it possible to extend it by one year?"),
    ("en", "Outage", "Packet loss on all servers in the rack since this morning."),
    ("en", "Domain transfer", "I want to move the domain to you, how does that work?"),
    ("en", "Change billing address", "Our company has moved, new address in the signature."),
    ("en", "Database slow", "The MySQL database is very slow, queries take minutes."),
    ("en", "RE: Ticket", "Thanks, it works again."),
    # -- French -------------------------------------------------------------------------------
    ("fr", "Serveur injoignable", "Bonjour, notre serveur srv-web-01 est injoignable depuis "
     "10h15. Merci de vérifier en urgence."),
    ("fr", "Facture 2025-08", "Bonjour, la remise convenue manque sur la facture. Pouvez-vous "
     "la corriger ?"),
    ("fr", "Certificat SSL", "Comment renouveler le certificat pour example.com ?"),
    ("fr", "Re: Sauvegarde", "La sauvegarde de cette nuit a échoué : connection timed out"),
    ("fr", "Résiliation", "Je souhaite résilier mon contrat à la première date possible."),
    ("fr", "DNS", "Merci de faire pointer l'enregistrement MX vers mail.example.fr."),
    ("fr", "Question", "Bonjour, je n'arrive plus à me connecter à mon compte. Mot de passe "
     "oublié."),
    ("fr", "Site en panne !!", "Le site affiche seulement 502 Bad Gateway. Que se passe-t-il ?"),
    ("fr", "Devis serveur managé", "Nous sommes intéressés par un serveur managé avec 64 Go de "
     "RAM. Merci de nous envoyer un devis."),
    ("fr", "Prélèvement", "Pourquoi le montant a-t-il été prélevé deux fois ?"),
    ("fr", "Serveur mail", "Les mails vers notre domaine n'arrivent plus depuis ce matin."),
    ("fr", "Rappel", "Merci de me rappeler au 01 23 45 67 89."),
    ("fr", "La VM ne démarre pas", "Après le redémarrage la VM ne boote plus, la console "
     "affiche kernel panic."),
    ("fr", "Identifiants", "J'ai besoin de nouveaux identifiants pour le compte FTP."),
    ("fr", "Espace disque", "Le disque est plein, pouvez-vous agrandir le volume ?"),
    ("fr", "Trafic", "Nous avons un trafic inhabituel, est-ce une attaque ?"),
    ("fr", "Mise à jour", "Quand PHP sera-t-il mis à jour en 8.3 ?"),
    ("fr", "Aide", "Bonjour à tous, la connexion au panel ne marche pas. Cordialement"),
    ("fr", "Règle pare-feu", "Merci d'ouvrir le port 8443 pour notre IP."),
    ("fr", "Contrat", "Une prolongation d'un an est-elle possible ?"),
    ("fr", "Incident", "Perte de paquets sur tous les serveurs de la baie depuis ce matin."),
    ("fr", "Transfert de domaine", "Je veux transférer le domaine chez vous, comment faire ?"),
    ("fr", "Changement d'adresse", "Notre société a déménagé, nouvelle adresse en signature."),
    ("fr", "Base de données lente", "La base MySQL est très lente, les requêtes durent des "
     "minutes."),
    ("fr", "RE: Ticket", "Merci, ça remarche."),
)
