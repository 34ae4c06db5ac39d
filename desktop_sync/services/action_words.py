"""The log lines of a person's actions, as words the window translates (see
`desktop_sync.words`): app names, keys and field names stay as they are."""

from __future__ import annotations

from desktop_sync.words import QT_TRANSLATE_NOOP, Message, say

RETRIED = say(QT_TRANSLATE_NOOP("Messages", "Retry: included in the next synchronization"))
UNCOUPLED = say(
    QT_TRANSLATE_NOOP("Messages", "Remove Coupling: the records are no longer synchronized")
)
DELETED_IN_BOTH = say(QT_TRANSLATE_NOOP("Messages", "deleted in both apps; coupling removed"))
COUPLED_BY_HAND = say(QT_TRANSLATE_NOOP("Messages", "coupled by hand"))
UNCOUPLED_BY_HAND = say(QT_TRANSLATE_NOOP("Messages", "uncoupled by hand"))


def restored(app: str) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "Restore Records: recreated in {app}"), app=app)


def deleted(app: str) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "Delete Records: deleted in {app}"), app=app)


def synchronized(choice: Message) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "Synchronize: {choice}"), choice=choice)


def version_chosen(app: str) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "the {app} version was chosen"), app=app)


def chosen_per_field(fields: dict[str, str]) -> Message:
    """`fields`: field name -> the app whose value was taken."""
    chosen = ", ".join(f"{name} ← {app}" for name, app in fields.items())
    return say(QT_TRANSLATE_NOOP("Messages", "chosen per field: {fields}"), fields=chosen)


def synchronized_when_coupled(app: str) -> Message:
    return say(QT_TRANSLATE_NOOP("Messages", "synchronized from {app} when coupled"), app=app)


def coupled_to(app: str, key: str) -> Message:
    return say(
        QT_TRANSLATE_NOOP("Messages", "Set Up Coupling: coupled to {app} record {key}"),
        app=app,
        key=key,
    )
