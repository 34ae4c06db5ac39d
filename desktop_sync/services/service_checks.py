"""The checks of Connect my apps for an app reached through its web API: is the person signed
in, does the service answer with its metadata, does it have the mapping's entity set and every
field the mapping names. Like `connection_checks`, they never raise: every problem becomes a
`Message`. A person who must sign in and has not is told so before anything is asked of the
service (a check never waits for a device code nobody sees)."""

from __future__ import annotations

from desktop_sync.apps.record import AppError
from desktop_sync.config import Config
from desktop_sync.domain import Side
from desktop_sync.services.failures import describe_failure
from desktop_sync.services.messages import QT_TRANSLATE_NOOP, Message, say
from desktop_sync.services.signin import connection, person_signs_in, signed_in


def check_service_app(config: Config, side: Side, secret: str | None) -> list[Message]:
    """Every reason the web API of `side` cannot serve the configuration's first mapping."""
    app = config.app(side)
    mapping = config.mappings[0]
    try:
        if person_signs_in(app) and not signed_in(app):
            return [
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog", "{app}: sign in first (the Sign in… button beside it)."
                    ),
                    app=app.name,
                )
            ]
    except Exception as exc:  # noqa: BLE001 - a check never crashes the form
        return [say("{problem}", problem=describe_failure(exc))]
    conn = connection(app, secret)
    problems: list[Message] = []
    try:
        try:
            conn.model  # noqa: B018 - reading the metadata is the first check
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            return [
                say(
                    QT_TRANSLATE_NOOP("ConnectDialog", "{app} does not answer: {reason}"),
                    app=app.name,
                    reason=describe_failure(exc),
                )
            ]
        name = mapping.table(side)
        try:
            table = conn.table(name)
        except AppError:
            return [
                say(
                    QT_TRANSLATE_NOOP(
                        "ConnectDialog", "{app} has no entity set “{table}” (check its name)."
                    ),
                    app=app.name,
                    table=name,
                )
            ]
        roles = [
            (mapping.key(side), QT_TRANSLATE_NOOP("ConnectDialog", "key field")),
            (mapping.modified(side), QT_TRANSLATE_NOOP("ConnectDialog", "last-modified field")),
        ]
        roles += [
            (f.column(side), QT_TRANSLATE_NOOP("ConnectDialog", "field"))
            for f in mapping.value_fields
        ]
        for column, role in roles:
            if column is not None and column not in table.c:
                problems.append(
                    say(
                        QT_TRANSLATE_NOOP(
                            "ConnectDialog",
                            "{app} entity set “{table}” has no field “{column}” ({role}).",
                        ),
                        app=app.name,
                        table=name,
                        column=column,
                        role=say(role),
                    )
                )
        if not problems:  # the connector's own check has the last word
            problems += [say("{problem}", problem=p) for p in conn.check(mapping)]
    except Exception as exc:  # noqa: BLE001 - a check never crashes the form
        problems.append(
            say(
                QT_TRANSLATE_NOOP("ConnectDialog", "{app}: {reason}"),
                app=app.name,
                reason=describe_failure(exc),
            )
        )
    finally:
        conn.dispose()
    return problems
