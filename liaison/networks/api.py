"""The networks API under /api/networks/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
