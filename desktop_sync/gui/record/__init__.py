"""The record window: one record beside its coupled record (`fields`), its synchronization log
(`log`), why it is not synchronizing (`diagnosis`) and the commands on it (`actions`)."""
