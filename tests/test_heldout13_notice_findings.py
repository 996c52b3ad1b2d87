"""tests/heldout13 (a blind set, measured once at c739964): notices still answered at first
contact: root of a customer's host reporting an address its firewall blocked, and a mail log's
daily summaries (a system account, whose subject said neither as a monitoring word). Written
here in other words; beside them people who write from the same accounts and ask."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "root of a host: a firewall daemon blocked an address, its fields and a log line": mail(
        "root@web3.spedition-lang.example", "sshguard on web3: blocked 203.0.113.9 (DE/Germany)",
        "Time:     Mon Jan 11 03:12:09 2027\nIP:       203.0.113.9\nFailures: 8 (sshd)\n\n"
        "Log entries:\n\nJan 11 03:12:01 web3 sshd[311]: Invalid user admin from 203.0.113.9\n",
        name="sshguard"),
    "root of a mail host: the log's summaries, a table of counts": mail(
        "root@mail.spedition-lang.example", "Mail log summaries for Jan 10",
        "Mail log summaries for Jan 10\n\nTotals\n------\n   1204   received\n"
        "   1180   delivered\n     24   rejected (2%)\n", name="root"),
}

PEOPLE = {
    "a customer writes from root of the host: their address was blocked, why": mail(
        "root@web3.spedition-lang.example", "IP blocked",
        "Our office IP 203.0.113.9 was blocked on web3 since this morning, why? Jan Lang, "
        "0171 2223334\n", name="root"),
    "a customer sends the summaries on and asks about the rejected mails": mail(
        "root@mail.spedition-lang.example", "Mail log summaries for Jan 10",
        "24 rejected yesterday, all to one customer of yours. Is something blocked?\n",
        name="root"),
}


test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
