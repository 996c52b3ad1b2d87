"""Pure: the policy of each configured address, built once from the settings and handed to
reception, prepare, render, the daemon and queries. Its config, its Timeline, its dates as the
replies write them, its redirect kind and templates: nobody else converts an address's dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from gateway.config.settings import AddressConfig, GatewaySettings
from gateway.rules.phases import Phase, Timeline
from gateway.subaddress import base_address

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def timeline_for(settings: GatewaySettings, address: AddressConfig) -> Timeline:
    """An address's timeline from the config, in the configured time zone."""
    cutover = settings.to_aware(address.cutover)
    assert cutover is not None
    return Timeline(cutover=cutover, announce_from=settings.to_aware(address.announce_from),
                    reject_from=settings.to_aware(address.reject_from))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class AddressPolicy:
    config: AddressConfig
    timeline: Timeline
    same_cutover: tuple[str, ...]  # the addresses that change on the same day (announcements)

    @property
    def address(self) -> str:
        return self.config.address

    @property
    def redirect(self) -> str:
        """account_center or contact_form: where a redirection sends the customer."""
        return self.config.redirect

    @property
    def ack_template(self) -> str:
        return self.config.ack_template

    @property
    def redirect_template(self) -> str:
        return self.config.template_for_redirect

    @property
    def cutover_de(self) -> str:
        return self.timeline.cutover.strftime("%d.%m.%Y")

    @property
    def cutover_en(self) -> str:
        cutover = self.timeline.cutover
        return f"{cutover.day} {_MONTHS_EN[cutover.month - 1]} {cutover.year}"

    def phase_at(self, moment: datetime) -> Phase:
        return self.timeline.phase_at(moment)

    def problems(self) -> list[str]:
        return self.timeline.problems()

    def changes(self) -> list[tuple[datetime, str]]:
        """The timeline's moments in order: (when, what begins then)."""
        timeline = self.timeline
        found = [(timeline.announce_from, "announce"), (timeline.cutover, "cutover"),
                 (timeline.cutover + timedelta(days=self.config.followup_grace_days),
                  "grace-end"), (timeline.reject_from, "reject")]
        return sorted((at, what) for at, what in found if at is not None)

    def as_json(self, now: datetime) -> dict:
        """The effective timeline, as `status` and `config check` show it, with the next change
        (grace-end: follow-ups to tickets from before the cutover are no longer appended)."""
        timeline, config = self.timeline, self.config
        upcoming = [(at, what) for at, what in self.changes() if at > now]
        return {"address": config.address, "department": config.department_name,
                "phase": str(timeline.phase_at(now)), "redirect": config.redirect,
                "announce_from": _iso(timeline.announce_from), "cutover": _iso(timeline.cutover),
                "grace_end": _iso(timeline.cutover + timedelta(days=config.followup_grace_days)),
                "reject_from": _iso(timeline.reject_from),
                "followup_grace_days": config.followup_grace_days,
                "next_change": {"at": upcoming[0][0].isoformat(), "what": upcoming[0][1]}
                if upcoming else None,
                "problems": timeline.problems()}


class Policies:
    """Every configured address's policy, in the order of the config."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.delimiter = settings.recipient_delimiter
        timelines = {a.address: timeline_for(settings, a) for a in settings.addresses}
        self._by_address = {
            a.address: AddressPolicy(a, timelines[a.address], tuple(
                other for other, t in timelines.items() if t.cutover == timelines[a.address].cutover))
            for a in settings.addresses}

    def get(self, address: str) -> AddressPolicy | None:
        """The policy of one of our addresses (any case, also as a subaddress technik+tag@),
        or None for a stranger."""
        return self._by_address.get(base_address(address, self.delimiter))

    def __getitem__(self, address: str) -> AddressPolicy:
        found = self.get(address)
        if found is None:
            raise KeyError(address)
        return found

    def __iter__(self) -> Iterator[AddressPolicy]:
        return iter(self._by_address.values())
