"""Issue 21, the sixth held-out set's findings (tests/heldout6): machine mail in languages other
than German and English, everyday SaaS tools, and mail that relays a person's text, recognised
by their structure; beside each rule the people's look-alikes that must stay answered."""

from __future__ import annotations

import pytest

from tests.findings import attached, mail, reasons


def with_pdf(found: tuple[bytes, str]) -> tuple[bytes, str]:
    """The mail as multipart/mixed: its text, and a PDF attached."""
    return attached(found, "application/pdf", "invoice.pdf")


MACHINES = {
    # absence notices of Outlook client rules (no header) in more languages
    "a Catalan client rule's absence notice": mail(
        "pere.soler@despatx.example", "Resposta automàtica: Canvi de servidor",
        "Bon dia,\n\nSóc fora de l'oficina fins al 9 de març.\nPer a qualsevol urgència: "
        "oficina@despatx.example.\n\nPere Soler", name="Pere Soler"),
    "a Slovak client rule's absence notice": mail(
        "j.kral@firma.example", "Automatická odpoveď: Faktúra 2026/14",
        "Dobrý deň,\n\nsom na dovolenke do 12.2.2026.\nV naliehavých prípadoch volajte "
        "0905 111 222.\n\nJán Kráľ", name="Ján Kráľ"),
    "a Croatian client rule's absence notice": mail(
        "marko@tvrtka.example", "Automatski odgovor: Ponuda",
        "Poštovani,\n\ntrenutno sam na godišnjem odmoru do 20.2.\nZa hitne stvari javite se "
        "na ured@tvrtka.example.\n\nMarko", name="Marko Horvat"),
    "a Ukrainian client rule's absence notice": mail(
        "i.shevchenko@firma.example", "Автоматична відповідь: Рахунок",
        "Добрий день!\n\nЯ у відпустці до 3 березня.\nЗ термінових питань пишіть на "
        "office@firma.example.\n\nІрина", name="Ірина Шевченко"),
    "a Romanian client rule's absence notice": mail(
        "ana@firma.example", "Răspuns automat: Contract",
        "Bună ziua,\n\nSunt în concediu până pe 14 februarie.\nPentru urgențe: 0722 111 222.\n\nAna",
        name="Ana Popescu"),
    # a mail client rule's absence answer as "Re: <original>" in more languages
    "a Polish client rule's answer as Re:": mail(
        "anna@firma.example", "Re: Faktura 2026/14",
        "Dzień dobry,\n\njestem na urlopie do 9 lutego. Odpowiem po powrocie.\n\nAnna Nowak",
        name="Anna Nowak"),
    "a Dutch client rule's answer as Re:": mail(
        "piet@firma.example", "Re: Offerte",
        "Goedendag,\n\nIk ben met vakantie tot 9 februari. Na mijn terugkeer beantwoord ik uw "
        "e-mail.\n\nPiet", name="Piet Jansen"),
    "a Swedish client rule's answer as Sv:": mail(
        "erik@firma.example", "Sv: Certifikat",
        "Hej,\n\njag är på semester till 9 februari. Jag svarar när jag är tillbaka.\n\nErik",
        name="Erik Lund"),
    "a Turkish client rule's answer as Ynt:": mail(
        "ahmet@firma.example", "Ynt: Fatura",
        "Merhaba,\n\n9 Şubat'a kadar izindeyim. Döndüğümde yanıt vereceğim.\n\nAhmet",
        name="Ahmet Kaya"),
    # notices that say in their own language that they were sent automatically
    "a Polish payment notice": mail(
        "powiadomienia@platnosci.example", "Potwierdzenie otrzymania płatności",
        "Szanowni Państwo,\n\nw dniu 12.01.2026 zarejestrowano wpłatę 389,00 PLN.\n\n"
        "Wiadomość została wygenerowana automatycznie, prosimy na nią nie odpowiadać.\n\n"
        "Pozdrawiamy\nZespół Płatności", name="Płatności"),
    "a Turkish payment notice": mail(
        "bilgi@odeme.example", "Ödemeniz başarıyla alındı",
        "Sayın Müşterimiz,\n\n1.250,00 TL tutarındaki ödemeniz alınmıştır.\n\nBu e-posta "
        "otomatik olarak gönderilmiştir, lütfen yanıtlamayınız.\n\nSaygılarımızla,\nodeme"),
    "a Czech parcel notice": mail(
        "info@zasilky.example", "Zásilka je připravena k vyzvednutí",
        "Dobrý den,\n\nVaše zásilka je připravena k vyzvednutí.\n\nTento e-mail byl "
        "vygenerován automaticky, neodpovídejte na něj prosím."),
    "a Spanish payment notice from info@": mail(
        "info@pagos.example", "¡Recibiste un pago!",
        "¡Hola!\n\nRecibiste un pago de $ 48.500.\n\nEste e-mail se generó automáticamente. "
        "Por favor, no lo respondas."),
    "an Italian expiry notice signed by a company with its legal form": mail(
        "comunicazioni@registro.example", "Avviso di scadenza del dominio",
        "Gentile Cliente,\n\nil dominio esempio.it scade il 05/02/2026.\n\nCordiali saluti,"
        "\nRegistro Esempio S.p.A.\n\nTi preghiamo di non rispondere a questo messaggio."),
    "a Polish notice signed by a team": mail(
        "powiadomienia@platnosci.example", "Zwrot środków",
        "Szanowni Państwo,\n\nzwrot 120,00 PLN został zlecony.\n\nWiadomość została wysłana "
        "automatycznie.\n\nZ poważaniem\nZespół Płatności"),
    "a Dutch notice signed by its team": mail(
        "info@betalingen.example", "Uitbetaling verwerkt",
        "Hoi,\n\nje uitbetaling is verwerkt.\n\nDit is een automatisch gegenereerd bericht.\n\n"
        "Met vriendelijke groet,\nHet Betalingen-team"),
    "a Dutch notice": mail(
        "info@betalingen.example", "Uitbetaling onderweg",
        "Hoi,\n\nwe hebben een uitbetaling van € 2.418,60 gestuurd.\n\nDit is een automatisch "
        "gegenereerd bericht."),
    # build servers, backup software and bug trackers in their own name
    "a build server's failure from ci@, its display name the product": mail(
        "ci@werk.example", "[TeamCity, FAILED] Build Webshop :: Deploy #1142",
        "Build Webshop :: Deploy #1142 failed (Exit code 1)\nAgent: build-agent-02\n\n"
        "[11:09:11] sftp: connect to host web3 port 22: No route to host", name="TeamCity"),
    "a backup program's report from a server's address": mail(
        "server@studio.example", "Iperius Backup [SRV-STUDIO] - Backup completato con errori",
        "Computer: SRV-STUDIO\nOperazione: Backup Gestionale\nRisultato: Backup completato con "
        "errori\nErrore: 550 Permission denied", name="Iperius Backup"),
    "a bug tracker's notice quoting the reporter's question": mail(
        "bugtracker@vyvoj.example", "[Eshop 0000412]: Objednávky se neukládají",
        "Následující úkol byl PŘIŘAZEN uživateli technik.\n=====\nOhlásil: jana\nPřiřazeno: "
        "technik\nProjekt: Eshop\nStav: přiřazen\n=====\nPopis:\nOd včerejška se objednávky "
        "neukládají. Můžete se prosím podívat na MySQL na serveru?", name="Mantis Bug Tracker"),
    # a service's notification, known by its footer, also where it quotes a person
    "a calendar's event notification in Spanish": mail(
        "calendar-notification@calendar.example", "Notificación: Revisión servidores @ lun 19 ene",
        "Revisión servidores\nLunes 19 ene 2026 11am\nÚnete: https://meet.example/xyz\n\n"
        "Estás recibiendo este correo electrónico porque has activado las notificaciones de "
        "evento. Para dejar de recibir estos correos, ve a https://calendar.example/settings."),
    "a chat digest quoting a colleague's question, in Swedish": mail(
        "feedback@chat.example", "[Chat] Nya meddelanden från Björn Ek",
        "Björn Ek\n09:02 Servern svarar inte på SSH. Kan du kolla med dem?\n\nSvara: "
        "https://team.chat.example/d/1\n\nDu får det här mejlet eftersom du har aviseringar "
        "via e-post aktiverade.", name="Chat"),
    "a tracker's comment notification in Dutch": mail(
        "tracker@bureau.example", "[Tracker] OPS-311: Migratie mailserver",
        "Pieter de Wit heeft een opmerking toegevoegd\n\nKunnen jullie de DNS-records vóór "
        "vrijdag aanpassen?\n\nBekijk: https://bureau.example/issue/OPS-311\n\nJe ontvangt "
        "deze e-mail omdat je dit issue volgt.", name="Pieter de Wit (Tracker)"),
    "an e-signature notice asking to be added to the address book": mail(
        "sign@sign.example", "Completado: Contrato de servicios",
        "El documento ha sido firmado por todas las partes. Véalo en https://sign.example/a/1\n\n"
        "Para asegurarse de seguir recibiendo mensajes, añada sign@sign.example a su libreta de "
        "direcciones."),
    # a form mailer relaying a web form's submission (the person wrote to the customer's site)
    "a WordPress form's submission with the submitter as Reply-To": mail(
        "wordpress@ristorante.example", "Nuova voce: Modulo di contatto",
        "Nome\nFederica Costa\n\nEmail\nfederica.costa@mail.example\n\nTelefono\n+39 347 "
        "118 2290\n\nMessaggio\nIl vostro sito dà errore quando pago la caparra. Potete "
        "aiutarmi?\n\n---\nInviato da Ristorante da Mario", name="Ristorante da Mario",
        headers={"Reply-To": "Federica Costa <federica.costa@mail.example>"}),
    "a PHP form mailer's relay in Polish, no Reply-To": mail(
        "formularz@hurtownia.example", "Wiadomość z formularza kontaktowego",
        "Nowa wiadomość z formularza kontaktowego\n\nImię i nazwisko: Tomasz Wiśniewski\n"
        "E-mail: t.wisniewski@poczta.example\nTelefon: 601 224 118\nTemat: Sklep nie działa\n\n"
        "Treść wiadomości:\nNie mogę się zalogować do sklepu. Czy to problem po Państwa stronie?"),
    "a German contact form from www-data@": mail(
        "www-data@web3.kunde.example", "Kontaktformular: Anfrage",
        "Name: Hans Meier\nE-Mail: hans.meier@privat.example\nNachricht: Bitte rufen Sie mich "
        "zurück, der Shop ist nicht erreichbar."),
    # helpdesks' acknowledgements in more languages, and Request Tracker's AutoReply
    "a Spanish helpdesk acknowledgement from a person-like role": mail(
        "soporte@distribuciones.example", "[#NXF-482-13004]: Hemos recibido su solicitud",
        "Hola,\n\nGracias por ponerse en contacto con nosotros. Su solicitud (ID: NXF-482-13004) "
        "ha sido recibida y está siendo revisada.\n\nAtentamente,\nEquipo de Soporte"),
    "a Dutch helpdesk acknowledgement": mail(
        "service@installatie.example", "Melding 48213 ontvangen",
        "Beste klant,\n\nUw melding is ontvangen onder nummer 48213. Wij nemen zo snel mogelijk "
        "contact met u op.\n\nMet vriendelijke groet,\nKlantenservice"),
    "Request Tracker's AutoReply quoting the ticket's question": mail(
        "drift@nordvind.example", "[rt.nordvind.example #20931] AutoReply: Byte av SSL-certifikat",
        "Hej,\n\nDetta meddelande har genererats automatiskt som svar på att du skapat ett "
        "ärende.\n\nDitt ärende har tilldelats ID [rt.nordvind.example #20931].\n\n"
        "-------------------------------------------------------------------------\n"
        "Kan ni byta certifikatet i helgen?", name="Nordvind IT via RT"),
    # invoices and bookings that a service sends on somebody's behalf
    "a Czech invoice sent by an invoicing service, the issuer as Reply-To": with_pdf(mail(
        "faktury@invoicing.example", "Faktura č. 2026-0012 od Petr Dvořák – webdesign",
        "Dobrý den,\n\nv příloze posílám fakturu č. 2026-0012 na částku 8 470,00 Kč.\n\n"
        "Děkuji.\n\nPetr Dvořák – webdesign", name="Petr Dvořák (přes Invoicing)",
        headers={"Reply-To": "petr@dvorak-web.example"})),
    "a Portuguese invoice sent by an invoicing service": with_pdf(mail(
        "faturas@app.invoicing.example", "Fatura FT 2026/27 - Tavares & Filhos, Lda",
        "Exmos. Senhores,\n\nJunto enviamos a Fatura FT 2026/27, no valor de 246,00 EUR.\n\n"
        "Com os melhores cumprimentos,\nTavares & Filhos, Lda", name="Tavares & Filhos, Lda",
        headers={"Reply-To": "geral@tavaresfilhos.example"})),
    "a booking system's confirmation in Italian": mail(
        "assistenza@bassi.example", "Prenotazione confermata con Assistenza Clienti Bassi",
        "Prenotazione confermata\n\nGrazie per la prenotazione! Ecco i dettagli:\n\nServizio: "
        "Intervento remoto - 1 ora\nData: mercoledì 28 gennaio 2026\nPersonale: Davide Bassi"),
    # a no-reply sender stays one unless a named person of the same company is behind it
    "a notice from no-reply@ with the company's service as Reply-To": mail(
        "no-reply@shop.example", "Ihre Bestellung wurde versandt",
        "Guten Tag,\n\nIhre Bestellung 100482 wurde versandt. Bitte prüfen Sie die Lieferung.\n\n"
        "Ihr Team von Shop", headers={"Reply-To": "kundenservice@shop.example"}),
    "a project tool's no-reply@ with its reply address on its own domain": mail(
        "no-reply@tasks.example", "Ana atribuiu-lhe uma tarefa",
        "Pode tratar disto com o centron?\n\nObrigada,\nAna Ribeiro",
        headers={"Reply-To": "reply.t.1209938841120.f98c@mail.tasks.example",
                 "In-Reply-To": "<task-1209938841120@tasks.example>"}),
    "a marketplace's no-reply@ relaying a seller on another domain": mail(
        "no-reply@marketplace.example", "Nachricht von Ihrem Verkäufer",
        "Hallo,\n\nkönnen Sie den Artikel morgen abholen?\n\nViele Grüße\nPeter Lang",
        headers={"Reply-To": "peter.lang@seller.example"}),
}

PEOPLE = {
    "a Catalan customer asking how to set up the automatic answer": mail(
        "pere.soler@despatx.example", "Resposta automàtica: no funciona",
        "Bon dia,\n\nestic de vacances la setmana vinent. Com activo la resposta automàtica "
        "al webmail? No trobo l'opció.\n\nGràcies,\nPere", name="Pere Soler"),
    "a Slovak customer away who asks for something": mail(
        "j.kral@firma.example", "Automatická odpoveď nefunguje",
        "Dobrý deň,\n\nod pondelka som na dovolenke. Môžete mi prosím nastaviť automatickú "
        "odpoveď pre j.kral@firma.example?\n\nĎakujem\nJán Kráľ", name="Ján Kráľ"),
    "a Ukrainian customer on leave asking to renew before": mail(
        "i.shevchenko@firma.example", "Автоматична відповідь: питання",
        "Добрий день!\n\nЯ у відпустці з понеділка. Чи можете ви продовжити домен firma.example "
        "до того часу?\n\nДякую, Ірина", name="Ірина Шевченко"),
    "a Polish customer away who asks to postpone a restart": mail(
        "anna@firma.example", "Re: Restart serwera",
        "Dzień dobry,\n\njestem na urlopie do 9 lutego. Czy mogą Państwo przesunąć restart "
        "serwera na później?\n\nAnna", name="Anna Nowak"),
    "a Dutch customer away who asks for the maintenance afterwards": mail(
        "piet@firma.example", "Re: Onderhoud",
        "Ik ben met vakantie tot 9 februari. Graag het onderhoud pas daarna uitvoeren; na mijn "
        "terugkeer bel ik.\n\nPiet", name="Piet Jansen"),
    "a Swedish customer back soon who thanks": mail(
        "erik@firma.example", "Sv: Certifikat",
        "Tack! Jag är på semester till 9 februari, jag svarar när jag är tillbaka.\n\nErik",
        name="Erik Lund"),
    "a Turkish customer whose footer says the mail was scanned automatically": mail(
        "muhasebe@tekstil.example", "Fatura adresi",
        "Merhaba,\n\nyeni adresimiz aşağıda. Faturaları bu adrese kesmenizi rica ederiz.\n\n"
        "Saygılarımla,\nFatma Demir\n\nBu e-posta virüslere karşı otomatik olarak "
        "taranmıştır.", name="Fatma Demir"),
    "an Italian customer about a mail your server generates automatically": mail(
        "info@studiorossi.example", "Email di errore ogni notte",
        "Buongiorno,\n\nogni notte riceviamo una email generata automaticamente dal vostro "
        "server con errori di backup. Vi prego di controllare.\n\nCordiali saluti\n"
        "Studio Rossi S.r.l.", name="Studio Rossi"),
    "a Polish customer about mail sent automatically": mail(
        "anna@biuro.example", "Puste wiadomości",
        "Dzień dobry,\n\ndostajemy wiadomości wysłane automatycznie z serwera, ale bez "
        "treści. Proszę sprawdzić.\n\nPozdrawiam\nAnna Nowak", name="Anna Nowak"),
    "a Dutch customer asking not to be answered by mail but called": mail(
        "piet@bouw.example", "Terugbellen",
        "Gelieve niet te antwoorden op deze mail maar mij te bellen op 06-12345678.\n\n"
        "Met vriendelijke groet,\nPiet Jansen", name="Piet Jansen"),
    "a Polish customer asking not to be answered but called": mail(
        "jan@firma.example", "Proszę o telefon",
        "Prosimy na nią nie odpowiadać mailowo, tylko zadzwonić: 601 222 333.\n\nZ poważaniem\n"
        "Jan Kowalski", name="Jan Kowalski"),
    "a Dutch customer quoting the automatic message": mail(
        "joost@studio.example", "Nog steeds geen antwoord",
        "Ik krijg steeds 'Dit is een automatisch gegenereerd bericht' van jullie, maar mijn "
        "vraag is niet beantwoord. Kunnen jullie mij bellen?\n\nJoost", name="Joost Dekker"),
    "a CI vendor's support person answering about a failed build": mail(
        "support@circleci.example", "Your failed build on main",
        "Hi,\n\nthe build failed because the SSH key was rotated. Could you add the new key "
        "to your server?\n\nBest regards,\nAnna", name="CircleCI Support"),
    "a customer who pastes four fields of a report and asks": mail(
        "it@kunde.example", "Fehler im Shop",
        "Hallo,\n\nProjekt: Eshop\nStatus: offen\nServer: web3\nFehler: 500\n\nKönnen "
        "Sie sich das ansehen?\n\nGruß\nJana", name="Jana Král"),
    "a customer forwarding such a notification with a question": mail(
        "moritz@engelsoft.example", "Fwd: Run failed: Deploy to production",
        "Hi, our deploy can't reach your server since Tuesday. Firewall?\n\n---------- Forwarded "
        "message ---------\nFrom: CI <notifications@ci.example>\nSubject: Run failed\n\n"
        "You are receiving this because you are subscribed. https://ci.example/settings",
        name="Moritz Engel"),
    "a customer forwarding one inline under a subject of their own": mail(
        "hr@logistiek.example", "Kalendermeldingen",
        "Goedemiddag, wij krijgen deze meldingen dubbel. Kunnen jullie kijken?\n\nFemke\n\n"
        "From: Calendar <calendar-notification@calendar.example>\nSent: maandag 19 januari\n"
        "Subject: Notificación\n\nJe ontvangt deze e-mail omdat ... https://calendar.example/s",
        name="Femke de Graaf"),
    "a customer quoting a footer and asking how to stop it": mail(
        "it@kunde.example", "Zu viele Benachrichtigungen",
        "Hallo,\n\nwir bekommen täglich Mails mit 'You are receiving this because you are "
        "subscribed' (https://git.kunde.example/settings) - wie stellen wir das am Server ab?\n\n"
        "Gruß\nJana", name="Jana Král"),
    "a customer quoting a footer inline, complaining without a question or a name": mail(
        "jorge@talleres.example", "Correos diarios",
        "Hola, recibo cada día un correo 'Estás recibiendo este correo porque eres administrador' "
        "de vuestro panel https://panel.example/x. No lo quiero recibir más."),
    "a customer pasting a footer as a block, then only their name": mail(
        "ana@kunde.example", "Correos de vuestro panel",
        "Hola,\n\nrecibimos correos con este texto al final:\n\nEstás recibiendo este correo "
        "porque eres administrador.\nhttps://panel.example\n\nAna", name="Ana Ruiz"),
    "a reseller's agent answering through a helpdesk that adds a footer": mail(
        "support@partner.example", "Re: [#4411] Umzug der Domain",
        "Hallo,\n\ndie Domain ist bei uns freigegeben, ihr könnt den Umzug starten.\n\n"
        "Viele Grüße\nTobias Brandt\n\nYou are receiving this because you are CC'd on this "
        "ticket: https://partner.example/t/4411", name="Partner Support",
        headers={"In-Reply-To": "<t4411@centron.de>"}),
    "a reseller passing on their customer's request, fields and all": mail(
        "vertrieb@agentur.example", "Rückrufbitte für unseren Kunden",
        "Hallo,\n\nbitte meldet euch bei unserem Kunden:\n\nName: Hans Meier\nE-Mail: "
        "hans.meier@privat.example\nTelefon: 0171 2233445\nNachricht: Shop nicht erreichbar"
        "\n\nDanke, Lea", name="Lea Vogt"),
    "a customer's web admin passing a form's request on with a question first": mail(
        "www-data@kunde.example", "Anfrage über unser Formular",
        "Hallo, ein Kunde schrieb über unser Formular, könnt ihr helfen?\n\nName: Hans Meier\n"
        "E-Mail: hans.meier@privat.example\nNachricht: Shop nicht erreichbar", name="Tom Weber"),
    "a customer forwarding a form's submission": mail(
        "mario@ristorante.example", "I: Nuova voce: Modulo di contatto",
        "I messaggi del modulo arrivano con due giorni di ritardo.\n\nNome\nFederica Costa\n\n"
        "Email\nfederica.costa@mail.example\n\nMessaggio\nVorrei prenotare.", name="Mario"),
    "a customer whose signature lists name, e-mail and phone": mail(
        "max@kunde.example", "Anfrage zum Server",
        "Hallo,\n\nNachricht: der Server ist langsam.\n\nName: Max Kunde\nE-Mail: "
        "max@kunde.example\nTelefon: 030 123456", name="Max Kunde"),
    "a Spanish customer whose request was received but not answered": mail(
        "pedidos@talleres.example", "Solicitud 48213 sin respuesta",
        "Hola,\n\nnuestra solicitud 48213 ha sido recibida hace una semana, pero nadie "
        "responde. ¿Pueden mirarlo?\n\nJorge"),
    "a partner's agent confirming a ticket by hand, signed in Spanish": mail(
        "soporte@partner.example", "Solicitud 48213",
        "Hola,\n\nsu solicitud 48213 ha sido recibida; la revisaremos hoy mismo y le llamo.\n\n"
        "Atentamente,\nLaura Gómez", name="Soporte Partner"),
    "a Dutch agent confirming a ticket by hand": mail(
        "service@partner.example", "Melding 48213",
        "Beste,\n\nUw melding is ontvangen onder nummer 48213, ik bel u vanmiddag terug.\n\n"
        "Met vriendelijke groet,\nSanne de Vries", name="Service Partner"),
    "a person writing from their CRM's no-reply@, Reply-To themselves at the same company": mail(
        "no-reply@crm.mertens.example", "Offerte extra mailboxen",
        "Dag,\n\nWij hebben tegen maart 4 extra mailboxen nodig. Kunnen jullie mij een prijs "
        "bezorgen?\n\nMet vriendelijke groeten,\nLucas Mertens", name="Lucas Mertens",
        headers={"Reply-To": "Lucas Mertens <lucas@mertens.example>"}),
    "a customer answering Request Tracker's AutoReply": mail(
        "erik@nordvind.example", "Re: [rt.nordvind.example #20931] AutoReply: Byte av certifikat",
        "Hej, glöm det, vi har redan bytt det själva. Tack!\n\nErik", name="Erik Strand",
        headers={"In-Reply-To": "<rt-20931@nordvind.example>"}),
    "a customer's accounts department sending an invoice from its own mailbox": with_pdf(mail(
        "buchhaltung@kunde.example", "Rechnung 2026-0012",
        "Guten Tag,\n\nanbei unsere Rechnung 2026-0012.\n\nFreundliche Grüße\nPetra Klein",
        name="Petra Klein")),
    "an invoice whose Reply-To is on the sender's own domain": with_pdf(mail(
        "rechnung@mail.kunde.example", "Faktura 2026/14",
        "Dzień dobry,\n\nw załączeniu faktura 2026/14.\n\nPozdrawiam\nAnna Nowak",
        name="Anna Nowak", headers={"Reply-To": "anna@kunde.example"})),
    "a freelancer's own invoice from a free mailbox, Reply-To the business": with_pdf(mail(
        "max.muster@freemail.example", "Rechnung 2026-01",
        "Hallo,\n\nanbei meine Rechnung 2026-01 für die Arbeiten im Januar.\n\nViele Grüße\n"
        "Max Muster", name="Max Muster", headers={"Reply-To": "max@muster-it.example"})),
    "a customer asking about an invoice sent through a service": with_pdf(mail(
        "faturas@app.invoicing.example", "Fatura FT 2026/28",
        "Bom dia, esta fatura está em duplicado? Podem verificar?\n\nRui", name="Rui Tavares",
        headers={"Reply-To": "rui@tavaresfilhos.example"})),
    "a technician confirming a booking by hand, signed with his name": mail(
        "davide@bassi.example", "Booking confirmed with Informatica Bassi",
        "Hello,\n\nthank you for booking. I will connect on Wednesday at 14:00.\n\n"
        "Best regards,\nDavide Bassi", name="Davide Bassi"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_sixth_held_out_set(raw, sender):
    assert reasons(raw, sender), "a machine's mail must not be answered"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
