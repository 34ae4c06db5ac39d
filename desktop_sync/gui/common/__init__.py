"""What every part of the window uses: worker threads (`tasks`), icons, colours (`style`), action
shortcuts, asking and telling the person (`confirm`), a window's geometry, keeping a grid's
selection, noticing changes made elsewhere (`store_watch`), the filter bar above a grid, and the
window's words for the values the headless layers keep in English (`words`). Nothing here knows a
feature of the window."""
