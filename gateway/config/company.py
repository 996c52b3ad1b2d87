"""The company's customer-facing facts: one section of the config (the keys at the top of
config/gateway.toml), the only place a reply, a 550 line or the report takes a company's name,
portal, links, click path, phone sentence or signature from. The shipped templates hold none of
them. Defaults: centron's (the example config). A fact is a string, the same in every language,
or a table per language such as {de = "Kundenportal", en = "customer portal"}.

Facts may name other facts as {placeholders}: {company}, {portal_name}, {portal_url},
{login_url}, {contact_form_url}, {max_attachments}, {department}, {address}."""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

PerLanguage = str | dict[str, str]

# The example's own words: a reply, template or fact that still holds one of these while the
# addresses are another company's was not adapted (config check warns).
EXAMPLE_LITERALS = ("centron", "ccloud", "Account Center", "Managed Services",
                    "Technischer Support")
EXAMPLE_DOMAIN = "centron.de"

_STEPS = {
    "de": ["Melden Sie sich im {portal_name} an: {login_url}",
           "Klicken Sie auf den Reiter „Support“.",
           "Klicken Sie auf „Neues Ticket erstellen“.",
           "Wählen Sie Abteilung ({department}) und Produktkategorie.",
           "Geben Sie Betreff und Nachricht ein (beides Pflichtfelder).",
           "Fügen Sie bei Bedarf Anhänge hinzu (max. {max_attachments}).",
           "Senden Sie das Ticket ab; Sie erhalten eine Empfangsbestätigung per E-Mail.",
           "Verfolgen Sie den Status in der Ticket-Übersicht und schließen Sie das Ticket, "
           "wenn es erledigt ist."],
    "en": ["Log in to the {portal_name}: {login_url}",
           'Click the "Support" tab.',
           'Click "Create new ticket".',
           "Choose the department ({department}) and the product category.",
           "Enter subject and message (both are required).",
           "Add attachments if needed (up to {max_attachments}).",
           "Submit the ticket; you will receive a confirmation by e-mail.",
           "Follow its status in the ticket overview and close the ticket when it is solved."],
    "fr": ["Connectez-vous à votre espace {portal_name}\u00a0: {login_url}",
           "Cliquez sur l'onglet «\u00a0Support\u00a0».",
           "Cliquez sur «\u00a0Créer un nouveau ticket\u00a0».",
           "Choisissez le service ({department}) et la catégorie de produit.",
           "Saisissez l'objet et le message (tous deux obligatoires).",
           "Ajoutez des pièces jointes si besoin ({max_attachments} au maximum).",
           "Envoyez le ticket\u00a0; vous recevrez une confirmation par e-mail.",
           "Suivez son état dans la vue d'ensemble des tickets et fermez le ticket une fois "
           "le problème résolu."],
}
_PHONE = {
    "de": "Kunden mit Managed Services erreichen unseren telefonischen Support weiterhin rund "
          "um die Uhr (24/7); die exklusive Durchwahl finden Sie im ccloud³ Dashboard.",
    "en": "Managed Services customers keep our phone support around the clock (24/7); the "
          "exclusive number is shown in the ccloud³ dashboard.",
    "fr": "Les clients Managed Services gardent notre support téléphonique 24h/24 et 7j/7\u00a0; le "
          "numéro exclusif figure dans le tableau de bord ccloud³.",
}
_SIGNATURE = {"de": "Ihr {company} Team ({department})", "en": "Your {company} team ({department})",
              "fr": "L'équipe {company} ({department})"}
# One line of a 550 reply per language: ASCII (SMTP replies are), no line breaks.
_REJECT = {"de": "E-Mail-Support eingestellt, bitte eroeffnen Sie ein Ticket im {portal_name}: "
                 "{portal_url}",
           "en": "E-mail support has ended; please open a ticket in the {portal_name}: {portal_url}",
           "fr": "Support par e-mail termine, merci d'ouvrir un ticket dans votre espace "
                 "{portal_name} : {portal_url}"}
_REJECT_CONTACT = {"de": "Anfragen per E-Mail eingestellt, bitte nutzen Sie das Kontaktformular: "
                         "{contact_form_url}",
                   "en": "E-mail to sales has ended; please write to us through the contact form: "
                         "{contact_form_url}",
                   "fr": "Demandes par e-mail terminees, merci d'utiliser le formulaire de "
                         "contact : {contact_form_url}"}


def in_language(value: PerLanguage, lang: str) -> str:
    """A fact in one language: a string is the same in all; a table lacking it gives ""."""
    return value if isinstance(value, str) else value.get(lang, "")


def first_value(value: PerLanguage) -> str:
    """What records and logs show of a fact that may be per language: its first entry."""
    return value if isinstance(value, str) else next(iter(value.values()), "")


def all_values(value: PerLanguage | dict[str, list[str]]) -> list[str]:
    if isinstance(value, str):
        return [value]
    found: list[str] = []
    for item in value.values():
        found += item if isinstance(item, list) else [item]
    return found


class CompanyFacts(BaseModel):
    """The facts' keys, at the top level of the config (GatewaySettings inherits them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    domain: str = EXAMPLE_DOMAIN  # Message-IDs of replies, X-Loop token
    company: str = "centron"
    portal_name: PerLanguage = "Account Center"
    account_center_url: PerLanguage = "https://account.centron.de"  # the portal's URL
    login_url: PerLanguage = ""  # "": the portal's URL
    contact_form_url: PerLanguage = "https://www.centron.de/kontakt/"
    ticket_steps: dict[str, list[str]] = Field(default_factory=lambda: dict(_STEPS))
    max_attachments: int = Field(default=3, ge=0)
    phone_support: PerLanguage = Field(default_factory=lambda: dict(_PHONE))  # "": no sentence
    signature: PerLanguage = Field(default_factory=lambda: dict(_SIGNATURE))
    reject_message: PerLanguage = Field(default_factory=lambda: dict(_REJECT))
    reject_message_contact_form: PerLanguage = Field(default_factory=lambda: dict(_REJECT_CONTACT))

    def fact_values(self, lang: str, department: str = "", address: str = "") -> dict[str, str]:
        """The {placeholders} a fact or a template string may name, in one language."""
        portal_url = in_language(self.account_center_url, lang)
        return {"company": self.company, "portal_name": in_language(self.portal_name, lang),
                "portal_url": portal_url,
                "login_url": in_language(self.login_url, lang) or portal_url,
                "contact_form_url": in_language(self.contact_form_url, lang),
                "max_attachments": str(self.max_attachments), "department": department,
                "address": address}

    def reject_texts(self, languages: list[str], own: PerLanguage, redirect: str,
                     department: PerLanguage, address: str) -> list[str]:
        """The 550 text per language (the address's own reject_message, else the company's for
        its redirect kind), filled and made SMTP-safe; one per distinct text, in order."""
        source = own or (self.reject_message_contact_form if redirect == "contact_form"
                         else self.reject_message)
        found: list[str] = []
        for lang in languages:
            values = self.fact_values(lang, in_language(department, lang) or
                                      first_value(department), address)
            text = in_language(source, lang) or first_value(source)
            try:
                text = text.format_map(values)
            except (KeyError, IndexError, ValueError, AttributeError):
                pass  # config check names the broken placeholder
            text = smtp_safe(text)
            if text and text not in found:
                found.append(text)
        return found

    def per_language_keys(self) -> dict[str, PerLanguage | dict[str, list[str]]]:
        return {key: getattr(self, key) for key in (
            "portal_name", "account_center_url", "login_url", "contact_form_url", "ticket_steps",
            "phone_support", "signature", "reject_message", "reject_message_contact_form")}

    def facts_problems(self, languages: list[str], addresses: list) -> list[str]:
        """A table per language (a fact, an address's department or display name) that lacks
        one of the reply languages; a broken {placeholder}."""
        found = [f"{a.address}: {key} has no text for {lang} (responder.languages)"
                 for a in addresses for key in ("department", "display_name")
                 if isinstance(getattr(a, key), dict) for lang in languages
                 if lang not in getattr(a, key)]
        for key, value in self.per_language_keys().items():
            if isinstance(value, dict):
                missing = [lang for lang in languages if lang not in value]
                if missing and key != "login_url":
                    found.append(f"{key}: no text for {', '.join(missing)} (responder.languages)")
        values = self.fact_values(languages[0], "x", "x@x")
        for key, value in self.per_language_keys().items():
            for text in all_values(value):
                try:
                    text.format_map(values)
                except (KeyError, IndexError, ValueError, AttributeError) as exc:
                    found.append(f"{key}: unknown or broken placeholder {exc} in {text[:50]!r}")
        return found


_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                        "ß": "ss", "\u00a0": " ", "–": "-", "—": "-", "„": '"', "“": '"',
                        "”": '"', "«": '"', "»": '"', "’": "'"})


def smtp_safe(text: str) -> str:
    """One line of printable ASCII, as an SMTP reply carries it (accents dropped: é is e)."""
    plain = unicodedata.normalize("NFKD", text.translate(_ASCII))
    plain = "".join(ch for ch in plain if ch.isascii() and (ch.isprintable() or ch == " "))
    return " ".join(plain.split())[:400]


def example_literals_in(text: str, own: str) -> list[str]:
    """The example company's words in `text` that are not also in the company's own facts."""
    return [w for w in EXAMPLE_LITERALS if w.lower() in text.lower() and w.lower() not in own]


def facts_warnings(facts: CompanyFacts, addresses: list, templates_dir: str,
                   hostname: str = "") -> list[str]:
    """Addresses on another domain while customer-facing facts (and the SMTP greeting's
    `hostname`) are still the example's; a template override holding one of its words."""
    address_domains = {a.address.rpartition("@")[2] for a in addresses}
    address_texts = [t for a in addresses
                     for t in all_values(a.department) + all_values(a.display_name)]
    keys = {"domain": facts.domain, "company": facts.company, **facts.per_language_keys()}
    own = " ".join([t for v in keys.values() for t in all_values(v)] + address_texts).lower()
    found = _template_warnings(templates_dir, own)
    foreign = sorted(d for d in address_domains
                     if d != EXAMPLE_DOMAIN and not d.endswith("." + EXAMPLE_DOMAIN))
    if not foreign:
        return found
    for key, value in keys.items():
        if any(example_literals_in(text, "") or EXAMPLE_DOMAIN in text
               for text in all_values(value)):
            found.append(f"{key} is still the example company's while the addresses are on "
                         f"{', '.join(foreign)}: set it to your own (docs/adapt.md)")
    if facts.ticket_steps == _STEPS:
        found.append(f"ticket_steps are still the example company's (its portal's clicks) "
                     f"while the addresses are on {', '.join(foreign)}: write your own")
    if hostname.lower().rstrip(".").endswith(EXAMPLE_DOMAIN):
        found.append(f"smtp.hostname {hostname!r} is still the example company's while the "
                     f"addresses are on {', '.join(foreign)}: the SMTP greeting names it")
    for text in address_texts:
        if example_literals_in(text, ""):
            found.append(f"address text {text!r} is still the example company's")
    return found


def _template_warnings(templates_dir: str, own: str) -> list[str]:
    if not templates_dir or not Path(templates_dir).is_dir():
        return []
    found = []
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.suffix not in (".j2", ".toml") or not path.is_file():
            continue
        words = example_literals_in(path.read_text(encoding="utf-8", errors="replace"), own)
        if words:
            found.append(f"template {path} still holds the example company's "
                         f"{', '.join(words)}: use the facts ({{{{ company }}}}, ...) instead")
    return found


def shipped_lang_dir() -> Path:
    return Path(str(resources.files("gateway.templates"))) / "lang"


def known_languages(templates_dir: str = "") -> set[str]:
    """The languages a reply can be written in: a lang/<code>.toml in the admin's templates
    folder or among the shipped ones (a language's strings, all in that one file)."""
    found = {p.stem for p in shipped_lang_dir().glob("*.toml")}
    if templates_dir:
        found |= {p.stem for p in (Path(templates_dir) / "lang").glob("*.toml")}
    return found
