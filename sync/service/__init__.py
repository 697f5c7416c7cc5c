"""The service-owned sheets, as grids: «Ошибки», «Просрочено», «Сводка», «Журнал синхронизации»."""
