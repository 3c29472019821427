from django.urls import path

from portfolio import views

urlpatterns = [
    path("portefoelje/", views.portfolio, name="portfolio"),
    path("portefoelje/portefoelje.xlsx", views.portfolio_xlsx, name="portfolio_xlsx"),
]
