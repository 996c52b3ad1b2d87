"""Pure: the words machine_signals reads: a program's footer (DE/EN/FR/ES/IT/NL; also the tool
a mail went out with, and a security notice's "If this was you ..."), and a
person's first person, greeting and sign-off. Patterns on lower-case text start with no \\b, so
that the regex engine can skip to the characters that start an alternative (a fifth of the
time of the same pattern with \\b in front of each)."""

from __future__ import annotations

import re

FOOTER_RE = re.compile(  # on lower-case text; see footer
    r"you(?:'re| are)? receiv(?:e|ed|ing) this\b|this (?:e-?mail|message|notification)"
    r" (?:was|is|has been) (?:sent|generated|created)\b|automatically (?:generated|sent|created)\b"
    r"|do not (?:reply|respond)\b|please do not reply\b|unsubscribe\b|opt[ -]out\b"
    r"|(?:manage|change|update) (?:your )?(?:e-?mail |notification )?(?:notifications?|settings|"
    r"preferences|subscriptions?)\b|all rights reserved\b"
    r"|(?:configured|set) to send these (?:e-?mails|notifications|messages)\b"
    r"|sie erhalten diese|du erh(?:ä|a)ltst diese|automatisch (?:erstellt|erzeugt|generiert"
    r"|versendet|verschickt|gesendet)|nicht auf diese (?:e-?mail|nachricht)|abbestellen\b"
    r"|abmelden\b|benachrichtigungen (?:verwalten|ändern)|alle rechte vorbehalten\b"
    r"|vous recevez (?:ce|cet)|g(?:é|e)n(?:é|e)r(?:é|e) automatiquement|ne pas r(?:é|e)pondre"
    r"|se d(?:é|e)sabonner|d(?:é|e)sinscri|tous droits r(?:é|e)serv(?:é|e)s"
    r"|recib(?:e|es|iendo) este|(?:enviad[oa]|generad[oa]|gener(?:ó|o)) autom(?:á|a)ticamente"
    r"|no (?:responda|respondas|conteste)"
    r"|dar(?:se)? de baja|todos los derechos reservados"
    r"|ricevi questa|ricevuto questa|(?:inviat[oa]|generat[oa]) automaticamente|non rispondere"
    r"|annulla (?:l')?iscrizione"
    r"|tutti i diritti riservati"
    # "if you no longer wish to receive": the footer's condition to the reader, never a person's
    # "I" or "our customer no longer wishes to receive"
    r"|if you no longer wish to receive|se non (?:desideri|desidera|vuoi|vuole) pi(?:ù|u) ricevere"
    r"|si vous ne (?:souhaitez|d(?:é|e)sirez|voulez) plus recevoir"
    r"|si no (?:desea|deseas) (?:seguir )?recibir|(?:als|indien) u [^\n]{0,40}?niet (?:langer|meer)"
    r" wenst te ontvangen"
    r"|je ontvangt deze|automatisch (?:gegenereerd|verzonden)|niet (?:op )?(?:deze|dit)"
    r" (?:e-?mail|bericht) (?:beantwoorden|reageren)|afmelden\b|alle rechten voorbehouden"
    # the tool a sender's mail went out with ("Diese E-Mail wurde mit easybill versendet")
    r"|diese (?:e-?mail|nachricht|benachrichtigung) wurde (?:mit|über|ueber|via|durch) [^.\n]{1,40}?"
    r" (?:versendet|verschickt|gesendet|erstellt)\b"
    # a security notice's condition to the reader ("If this was you, you can ignore this email";
    # "Falls Sie das nicht waren"), never a customer's words to the support
    r"|if (?:this|that|it) was(?:n't| not)? you\b|if you (?:did not|didn't|do not|don't)"
    r" (?:recogni[sz]e|request|make|initiate|authori[sz]e) th|(?:wenn|falls) sie (?:das|dies)"
    r" (?:nicht )?waren|si (?:ce|c')(?:n')?(?:é|e)tait (?:pas )?vous|si no (?:fuiste|fue) (?:t(?:ú|u)"
    r"|usted)|se non (?:sei stato|è stato|e stato) (?:tu|lei)|als (?:u|jij) dit niet (?:was|bent)"
    r"|©|\(c\) ?(?:19|20)\d\d")
# A person's own sentence in the first person singular: "I" before a lower-case word (not
# "Nummer I 2601", not Italian's article before a plural: "I messaggi"), and on lower-case text
# the pronouns of other languages, not inside a word, a domain or an address (".io", ".eu");
# no alternative starts with \\b (see footer).
_I_RE = re.compile(r"I(?:'(?:m|ve|d|ll)\b| (?![a-z]{3,}i\b)[a-z]{2,})")
_PRONOUN_RE = re.compile(
    r"(?:ich|mir|mich|me|my|je|j'|moi|yo|io|mi|ik|mij|eu|jag|jeg|ja|já)(?![\w.@/-])")
# A person telling that they got the mail they paste, on lower-case text ("die Meldung, die wir
# bekommen haben", "folgende Mail kam heute", "we received this", "nous avons reçu"): a
# program's notice or letter speaks of what it found or did, never of a mail it got.
_RECEIVED_RE = re.compile(
    r"(?<![\w-])(?:bekommen|erhalten|bekomme|erhalte|bekamen|erhielten|received|got this|got the"
    r"|re(?:ç|c)u|recibido|ricevuto|ontvangen|kam heute|came in|folgende (?:e-?mail|mail|nachricht"
    r"|meldung)|the following (?:e-?mail|mail|message|notice))(?![\w-])")
# A sign-off's words, on lower-case text (a notice's "Mit freundlichen Grüßen" too).
SIGN_OFF_RE = re.compile(
    r"gr(?:ü|ue)(?:ß|ss)|regards|cheers|thanks|thank you|danke|merci|cordialement|saludos|saluti"
    r"|grazie|gracias|groet|pozdr|atentamente|cumprimentos|obrigad|hälsningar|hilsen|sincerely")
# How a person's letter opens (a notice's "Sehr geehrte Damen und Herren" too: then no signal).
GREETING_RE = re.compile(
    r"(?i)^\W{0,3}(?:hallo|hello|hi|hey|dear|liebe[rs]?|sehr geehrte|guten (?:tag|morgen|abend)|moin"
    r"|servus|bonjour|bonsoir|salut|madame|monsieur|hola|estimad[oa]s?|buen[oa]s|buongiorno|ciao"
    r"|gentile|egregi|goedemiddag|goedemorgen|goedendag|beste|geachte|dzie(?:ń|n) dobry|dobr(?:ý|y) den"
    r"|ol(?:á|a)|prezad|caro|cara|good (?:morning|afternoon|evening)|greetings)\b")


def footer(text: str) -> bool:
    """Boilerplate (on lower-case text; no alternative starts with \\b, so that the regex
    engine can skip to the characters that start one)."""
    return bool(FOOTER_RE.search(text.lower()))


def without_footer(prose: str) -> str:
    """The text without what leads to a footer's phrase on its line: a footer's question ("Don't
    want these e-mails? Unsubscribe: ...") asks nobody; one after the phrase ("Automatisch
    generierte Mail von unserem Shop kommt nicht an, warum?") is a person's."""
    kept = []
    for line in prose.splitlines():
        lowered = line.lower()
        found = FOOTER_RE.search(lowered)
        kept.append(lowered[found.end():] if found else line)
    return "\n".join(kept)


def first_person(prose: str) -> bool:
    """A first-person sentence: "I" before a word, or a pronoun of another language."""
    if any(_before_ok(prose, f.start()) for f in _I_RE.finditer(prose)):
        return True
    lowered = prose.lower()
    return any(_before_ok(lowered, f.start()) for f in _PRONOUN_RE.finditer(lowered))


def received_lead(prose: str) -> bool:
    """A person's words about a mail they got and paste (see _RECEIVED_RE)."""
    return bool(_RECEIVED_RE.search(prose.lower()))


def _before_ok(text: str, at: int) -> bool:
    """No letter, digit, dot, @, / or - right before (a word starts here)."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_.@/-")
