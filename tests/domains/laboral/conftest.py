"""Fixtures of the laboral tests: a real SMTP server to receive the portal's mail."""
from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
import pytest


@pytest.fixture
def smtp_sink() -> Iterator[list[email.message.EmailMessage]]:
    """A real SMTP server on the port of the test ini's smtp.server; yields received mails."""
    from aiosmtpd.controller import Controller

    host, port = tk.config["smtp.server"].split(":")
    received: list[email.message.EmailMessage] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(email.message_from_bytes(envelope.content,
                                                     policy=email.policy.default))
            return "250 OK"

    controller = Controller(Handler(), hostname=host, port=int(port))
    controller.start()
    try:
        yield received
    finally:
        controller.stop()
