"""The configuration: reading and checking the TOML file (`reader`, `mappings`) into the types
every layer uses (`model`)."""

from desktop_sync.config.model import (
    APP_NAME,
    CONFIG_FILENAME,
    DEFAULT_BATCH_SIZE,
    DEFAULT_KEEP_DAYS,
    DEFAULT_LOOKBACK,
    EXPRESSIONS,
    NO_DEFAULT,
    AppConfig,
    Archive,
    Config,
    ConfigError,
    FieldMapping,
    ServiceConfig,
    TableMapping,
    default_config_path,
    default_data_dir,
)
from desktop_sync.config.reader import load_config, parse_config
from desktop_sync.config.rules import Rule, field_named

__all__ = [
    "APP_NAME",
    "CONFIG_FILENAME",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_KEEP_DAYS",
    "DEFAULT_LOOKBACK",
    "EXPRESSIONS",
    "NO_DEFAULT",
    "AppConfig",
    "Archive",
    "Config",
    "ConfigError",
    "FieldMapping",
    "Rule",
    "ServiceConfig",
    "TableMapping",
    "default_config_path",
    "default_data_dir",
    "field_named",
    "load_config",
    "parse_config",
]
