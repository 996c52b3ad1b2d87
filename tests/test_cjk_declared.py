"""Notices that say in Japanese, Chinese or Korean that a machine sent them (sisimai's m-FILTER
bounce: "このメールは「m-FILTER」が自動的に生成して送信しています"; "本メールは送信専用です",
"此邮件为系统自动发送，请勿回复", "본 메일은 발신전용입니다"), from a sender whose address names no
mail system; beside them people who write in those languages, ask with a full-width "？" or
quote such a sentence and ask about it."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")


def reasons(subject: str, body: str, sender: str) -> tuple:
    raw = make_mail(subject=subject, body=body, sender=sender, name="")
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


MACHINES = {
    "m-FILTER's failure notice (Japanese)": (
        "failure notice", "このメールは「m-FILTER」が自動的に生成して送信しています。\r\n"
        "メールサーバーとの通信中、下記の理由により\r\nこのメールは送信できませんでした。\r\n\r\n"
        "以下のメールアドレスへの送信に失敗しました。\r\nkijitora@example.com\r\n\r\n"
        "-------server message\r\n550 unknown user <kijitora@example.com>", "filter@gw.example.jp"),
    "a Japanese service's send-only notice": (
        "【重要】ご利用料金のお知らせ", "いつもご利用いただきありがとうございます。\r\n"
        "今月のご利用料金が確定しました。\r\n\r\n本メールは送信専用です。"
        "ご返信いただいてもお答えできません。", "info@billing.example.jp"),
    "a Chinese system notice: sent automatically, do not reply": (
        "账单通知", "您好，您的本月账单已生成。\r\n\r\n此邮件为系统自动发送，请勿回复。",
        "service@billing.example.cn"),
    "a Korean send-only notice": (
        "결제 완료 안내", "결제가 완료되었습니다.\r\n\r\n본 메일은 발신전용입니다.",
        "info@shop.example.kr"),
}

PEOPLE = {
    "a Japanese customer asking whether a mail is sent automatically": (
        "メールについて", "このメールは自動送信されていますか？サーバーからのメールが届きません。\r\n田中",
        "tanaka@kunde.example.jp"),
    "a Japanese customer quoting a send-only line and asking with a full-width question mark": (
        "問い合わせ", "次のメールが届きました。\r\n本メールは送信専用です。\r\n"
        "どうすればいいですか？\r\n田中", "tanaka@kunde.example.jp"),
    "a Chinese customer asking whether it was sent automatically": (
        "发票问题", "请问这封邮件是自动发送的吗？我们没有收到发票。", "li@kunde.example.cn"),
    "a Chinese customer quoting 'do not reply' and asking for help": (
        "邮件问题", "我们收到一封邮件，写着此邮件为系统自动发送，请勿回复。\r\n请帮忙查一下？",
        "li@kunde.example.cn"),
    "a Korean customer asking": (
        "서버 문의", "이 메일은 자동으로 발송되었나요? 서버에 접속할 수 없습니다.",
        "kim@kunde.example.kr"),
    "a Japanese customer saying a mail was not sent automatically": (
        "サーバー障害", "このメールは自動送信ではありません。srv-web-01 が停止しています。\r\n田中",
        "tanaka@kunde.example.jp"),
    "a Chinese customer saying it was not sent automatically": (
        "服务器故障", "这封邮件不是系统自动发送的，我们的服务器停了。", "li@kunde.example.cn"),
    "a Korean customer saying it was not sent automatically": (
        "서버 장애", "이 메일은 자동으로 발송된 것이 아닙니다. 서버가 멈췄습니다.", "kim@kunde.example.kr"),
    "a Japanese customer quoting a send-only line in a business letter, without a question": (
        "請求書について", "お世話になっております。\r\n以下のメールが届きました。\r\n"
        "本メールは送信専用です。\r\n内容を確認して折り返しご連絡ください。\r\n"
        "よろしくお願いいたします。\r\n田中", "tanaka@kunde.example.jp"),
    "a Chinese customer telling of a mail that said 'do not reply'": (
        "邮件问题", "我们收到一封写着请勿回复的邮件，但是发票不对。", "li@kunde.example.cn"),
    "a Japanese customer asking with a full-width question mark alone": (
        "サーバー", "srv-web-01 に接続できません。確認していただけますか？\r\n田中",
        "tanaka@kunde.example.jp"),
}


@pytest.mark.parametrize("name", MACHINES)
def test_a_notice_that_says_so_in_japanese_chinese_or_korean_is_a_machine(name):
    assert reasons(*MACHINES[name]), name


@pytest.mark.parametrize("name", PEOPLE)
def test_people_writing_those_languages_stay_people(name):
    assert reasons(*PEOPLE[name]) == (), name


@pytest.mark.parametrize("charset", ["iso-2022-jp", "shift_jis", "euc-jp"])
def test_the_m_filter_notice_in_the_charsets_japanese_mail_comes_in(charset):
    """As sisimai's m-FILTER sample is upstream (7-bit ISO-2022-JP), from a sender whose
    address names no mail system: the declaration alone makes it a machine's."""
    subject, body, sender = MACHINES["m-FILTER's failure notice (Japanese)"]
    raw = (f"From: <{sender}>\r\nTo: technik@centron.de\r\nSubject: {subject}\r\n"
           f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"{charset}\"\r\n\r\n"
           ).encode() + body.encode(charset)
    assert classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons
