"""The agreements API under /api/agreements/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
